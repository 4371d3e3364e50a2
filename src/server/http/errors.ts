import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../lib/errors.js';
import { type AjvIssue, fieldPath, russianMessage } from './validation-messages.js';

interface Body {
  error: string;
  message: string;
  field?: string;
}

// Fastify's own 4xx errors (parsing, limits, media types) by code, in Russian.
const FRAMEWORK_ERRORS: Record<string, { status: number; error: string; message: string; field: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: {
    status: 400,
    error: 'malformed_json',
    message: 'Тело запроса — не корректный JSON',
    field: 'body',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    status: 400,
    error: 'malformed_json',
    message: 'Тело запроса пустое, а указан тип application/json',
    field: 'body',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    error: 'body_too_large',
    message: 'Тело запроса слишком большое',
    field: 'body',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    error: 'unsupported_media_type',
    message: 'Неподдерживаемый тип содержимого запроса',
    field: 'headers.content-type',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    error: 'bad_request',
    message: 'Длина тела запроса не совпадает с заголовком Content-Length',
    field: 'headers.content-length',
  },
  FST_ERR_CTP_INVALID_TYPE: {
    status: 400,
    error: 'bad_request',
    message: 'Неверный заголовок Content-Type',
    field: 'headers.content-type',
  },
};

/**
 * Errors Fastify raises before routing (a path with broken percent-encoding), which bypass the error
 * handler: the answer is still JSON in Russian.
 */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  if (error.code === 'FST_ERR_BAD_URL') {
    return reply.status(400).send({
      error: 'bad_url',
      message: 'Адрес запроса содержит недопустимые символы',
      field: 'url',
    } satisfies Body);
  }
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    return reply.status(400).send({
      error: 'url_too_long',
      message: 'Часть адреса запроса слишком длинная',
      field: 'url',
    } satisfies Body);
  }
  return reply
    .status(400)
    .send({ error: 'bad_request', message: 'Некорректный запрос', field: 'url' } satisfies Body);
}

// busboy's own errors for a form that is cut short or has no boundary: plain Errors, known by text.
const MALFORMED_MULTIPART =
  /^(Multipart: |Unexpected end of multipart data|Malformed part header|Part terminated early)/;

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof DomainError) {
      const body: Body = { error: error.code, message: error.message };
      if (error.field) body.field = error.field;
      return reply.status(error.status).headers(error.headers).send(body);
    }
    if (error.validation) {
      const issue = error.validation[0] as AjvIssue;
      return reply.status(400).send({
        error: 'validation_failed',
        message: russianMessage(issue),
        field: fieldPath(
          error.validationContext === 'querystring' ? 'query' : (error.validationContext ?? 'body'),
          issue,
        ),
      } satisfies Body);
    }
    if (MALFORMED_MULTIPART.test(error.message) && !error.statusCode) {
      return reply.status(400).send({
        error: 'malformed_multipart',
        message: 'Форма с файлами повреждена или оборвана: отправьте её ещё раз',
        field: 'body',
      } satisfies Body);
    }
    const known = error.code ? FRAMEWORK_ERRORS[error.code] : undefined;
    if (known) {
      return reply
        .status(known.status)
        .send({ error: known.error, message: known.message, field: known.field });
    }
    if (error.statusCode === 429) {
      const message = error.message || 'Слишком много запросов. Повторите позже';
      return reply.status(429).send({ error: 'rate_limited', message });
    }
    if (error instanceof SyntaxError || (error.statusCode && error.statusCode < 500)) {
      request.log.info({ err: error }, 'rejected request');
      return reply
        .status(error.statusCode && error.statusCode >= 400 ? error.statusCode : 400)
        .send({ error: 'bad_request', message: 'Некорректный запрос' });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply
      .status(500)
      .send({ error: 'internal', message: 'Внутренняя ошибка сервера. Мы уже разбираемся' });
  });
}
