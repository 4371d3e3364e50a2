import type { FastifyRequest } from 'fastify';
import { Invalid } from '../lib/errors.js';

// JSON may carry lone UTF-16 surrogates ("\ud800") and NUL characters; PostgreSQL refuses both,
// and a refusal deep in a transaction would surface as a 500. Reject them up front, by field.
export function findMalformed(value: unknown, path: string): string | null {
  if (typeof value === 'string') {
    return !value.isWellFormed() || value.includes('\u0000') ? path : null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findMalformed(value[i], `${path}.${i}`);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = findMalformed(item, `${path}.${key}`);
      if (found) return found;
    }
  }
  return null;
}

export async function rejectMalformedText(request: FastifyRequest): Promise<void> {
  // A path segment or query value reaches SQL as well (`/api/channels/pbx/%00`).
  const field =
    findMalformed(request.params, 'params') ??
    findMalformed(request.query, 'query') ??
    findMalformed(request.body, 'body');
  if (field) {
    throw new Invalid(
      field,
      'Текст содержит недопустимые символы (повреждённая кодировка или нулевой символ)',
      'malformed_text',
    );
  }
}
