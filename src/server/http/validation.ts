import { Ajv, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';

// Never allErrors: collecting every error of a hostile body is a denial-of-service lever.
const shared: Options = {
  removeAdditional: false,
  useDefaults: true,
  allErrors: false,
  addUsedSchema: false,
};

function compiler(options: Options) {
  const ajv = new Ajv({ ...shared, ...options });
  addFormats.default(ajv);
  return ajv;
}

/**
 * JSON bodies are validated as they are typed; only the parts that arrive as text (query string,
 * path, headers) are coerced. Coercing bodies turned `null` in a «boolean or null» field into
 * `false` and in a «text or null» field into "" — a cleared survey answer saved as «нет».
 */
export function registerValidation(app: FastifyInstance) {
  const typed = compiler({ coerceTypes: false });
  const textual = compiler({ coerceTypes: 'array' });
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? typed : textual).compile(schema));
}
