import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { findMalformed } from '../../http/text-guard.js';
import { readUploads, removeUploads, type Upload } from '../../http/uploads.js';
import { Invalid, NotFound } from '../../lib/errors.js';
import type { Services } from '../../services.js';
import { Slug } from '../agencies/routes.js';
import { REQUEST_STATUSES } from './lifecycle.js';

const Status = Type.Enum(REQUEST_STATUSES);
const PublicKind = Type.Enum(['appeal', 'info_request'] as const);
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,100}$/;

export const IntakeBody = Type.Object(
  {
    kind: PublicKind,
    text: Type.String({ minLength: 1, maxLength: 10_000, pattern: '\\S' }),
    name: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
    email: Type.Optional(
      Type.Union([Type.String({ format: 'email', maxLength: 254 }), Type.Literal(''), Type.Null()]),
    ),
    phone: Type.Optional(
      Type.Union([
        Type.String({ maxLength: 40, pattern: '^[0-9+()\\-\\s]{5,40}$' }),
        Type.Literal(''),
        Type.Null(),
      ]),
    ),
    notifyByEmail: Type.Optional(Type.Boolean()),
    consent: Type.Boolean(),
    // A field people never see: bots that fill every input give themselves away.
    website: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

const PublicStatusBody = Type.Object({
  number: Type.String(),
  kind: Type.String(),
  status: Status,
  receivedAt: Type.String(),
  dueAt: Type.String(),
  events: Type.Array(
    Type.Object({ at: Type.String(), status: Status, note: Type.Union([Type.String(), Type.Null()]) }),
  ),
});

const BOOLEAN_FIELDS = new Set(['consent', 'notifyByEmail']);

/** Form fields are strings; the JSON schema then judges them exactly as it judges a JSON body. */
export function formBody(fields: Record<string, string>, booleans = BOOLEAN_FIELDS): Record<string, unknown> {
  const malformed =
    findMalformed(fields, 'body') ??
    // busboy replaces bytes that are not UTF-8 with U+FFFD: the text arrived damaged.
    Object.entries(fields)
      .find(([, value]) => value.includes('\ufffd'))?.[0]
      ?.replace(/^/, 'body.');
  if (malformed) {
    throw new Invalid(
      malformed,
      'Текст содержит недопустимые символы (повреждённая кодировка или нулевой символ)',
      'malformed_text',
    );
  }
  return Object.fromEntries(
    Object.entries(fields).map(([key, value]) => [
      key,
      booleans.has(key) && (value === 'true' || value === 'false') ? value === 'true' : value,
    ]),
  );
}

interface Pending {
  agencyId: string;
  files: Upload[];
  kept: boolean;
}

export function publicRequestRoutes(
  fastify: FastifyInstance,
  { requests, config, agencies, attachmentStore: store, fileQuota }: Services,
) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['requests'];
  const limit = { rateLimit: { max: config.publicRatePerMinute, timeWindow: '1 minute' } };
  const limits = { maxBytes: config.attachmentMaxBytes, maxCount: config.attachmentMaxCount };
  // Files of a multipart intake are stored before the transaction; unless the request that came
  // with them was created, they are removed before the answer leaves.
  const pending = new WeakMap<FastifyRequest, Pending>();

  async function readForm(request: FastifyRequest) {
    if (!request.isMultipart()) return;
    const agency = await agencies.findBySlug((request.params as { agency: string }).agency);
    if (!agency) throw new NotFound('agency_not_found', 'Ведомство не найдено');
    const room = { bytes: await fileQuota.room(agency.id), audience: 'public' as const };
    const { fields, files } = await readUploads(request, store, agency.id, limits, room);
    pending.set(request, { agencyId: agency.id, files, kept: false });
    request.body = formBody(fields);
  }

  async function dropUnkept(request: FastifyRequest) {
    const upload = pending.get(request);
    if (upload && !upload.kept) await removeUploads(store, upload.agencyId, upload.files);
  }

  app.post(
    '/api/public/:agency/requests',
    {
      config: limit,
      bodyLimit: config.attachmentMaxBytes * config.attachmentMaxCount + config.bodyLimitBytes,
      preValidation: readForm,
      onSend: async (request, _reply, payload) => {
        await dropUnkept(request);
        return payload;
      },
      schema: {
        tags,
        consumes: ['application/json', 'multipart/form-data'],
        params: Type.Object({ agency: Slug }),
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String()) }),
        body: IntakeBody,
        response: {
          200: Type.Object({ number: Type.String(), trackingCode: Type.String(), dueAt: Type.String() }),
          201: Type.Object({ number: Type.String(), trackingCode: Type.String(), dueAt: Type.String() }),
        },
      },
    },
    async (request, reply) => {
      const body = request.body;
      if (body.consent !== true) {
        throw new Invalid(
          'body.consent',
          'Без согласия на обработку персональных данных обращение не может быть принято',
          'consent_required',
        );
      }
      if (body.website) throw new Invalid('body.website', 'Это поле нужно оставить пустым', 'spam_suspected');
      const key = request.headers['idempotency-key'] ?? null;
      if (key !== null && !IDEMPOTENCY_KEY.test(key)) {
        throw new Invalid(
          'headers.idempotency-key',
          'Ключ повтора: от 8 до 100 латинских букв, цифр, «_» или «-»',
        );
      }
      const { row, created } = await requests.intake(request.params.agency, {
        kind: body.kind,
        channel: 'portal',
        text: body.text.trim(),
        name: body.name.trim(),
        email: body.email?.trim().toLowerCase() || null,
        phone: body.phone?.trim() || null,
        notifyByEmail: body.notifyByEmail ?? false,
        idempotencyKey: key,
        files: pending.get(request)?.files ?? [],
      });
      const upload = pending.get(request);
      if (upload) upload.kept = created;
      // Joins this request's reqId to the request row, which the outbox lines of its notices name.
      request.log.info({ request: row.id, number: row.number, created }, 'request registered');
      return reply
        .status(created ? 201 : 200)
        .send({ number: row.number, trackingCode: row.trackingCode, dueAt: row.dueAt.toISOString() });
    },
  );

  app.get(
    '/api/public/:agency/requests/:number',
    {
      config: limit,
      schema: {
        tags,
        params: Type.Object({ agency: Slug, number: Type.String({ minLength: 1, maxLength: 60 }) }),
        querystring: Type.Object({ code: Type.Optional(Type.String({ maxLength: 40 })) }),
        response: { 200: PublicStatusBody },
      },
    },
    (request) =>
      requests.publicStatus(request.params.agency, request.params.number, request.query.code ?? ''),
  );
}
