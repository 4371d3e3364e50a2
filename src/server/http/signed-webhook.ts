import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Invalid } from '../lib/errors.js';
import { findMalformed } from './text-guard.js';

export interface SignedWebhook {
  /** The request header carrying the hex HMAC-SHA256 of the raw body. */
  signatureHeader: string;
  /** The agency of the URL's slug; throws NotFound for an unknown one. */
  agencyIdOf: (slug: string) => Promise<string>;
  /** Throws when the signature does not match the agency's secret. */
  verify: (agencyId: string, body: Buffer, signature: string | undefined) => Promise<void>;
}

const typed = (scope: FastifyInstance) => scope.withTypeProvider<TypeBoxTypeProvider>();
type TypedApp = ReturnType<typeof typed>;

interface WebhookHooks {
  /** The route's `preValidation`: signature on the bytes as they came, then the JSON read and checked. */
  verify: (request: FastifyRequest<{ Params: { agency: string } }>) => Promise<void>;
  /** The agency `verify` established for the request. */
  agencyOf: (request: FastifyRequest) => string;
}

/**
 * Routes of a webhook whose JSON bodies the sender signs (ПОС, the PBX), in a scope of their own:
 * the body stays raw bytes until the signature over them is checked, so nothing of an unsigned
 * body is parsed; then malformed text is refused and the route's schema validates the rest.
 */
export function signedWebhookRoutes(
  fastify: FastifyInstance,
  webhook: SignedWebhook,
  routes: (app: TypedApp, hooks: WebhookHooks) => void,
) {
  const raw = new WeakMap<FastifyRequest, Buffer>();
  const agencies = new WeakMap<FastifyRequest, string>();

  fastify.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
      raw.set(request, body as Buffer);
      done(null, null);
    });

    async function verify(request: FastifyRequest<{ Params: { agency: string } }>) {
      const agencyId = await webhook.agencyIdOf(request.params.agency);
      const body = raw.get(request) ?? Buffer.alloc(0);
      const signature = request.headers[webhook.signatureHeader];
      await webhook.verify(agencyId, body, typeof signature === 'string' ? signature : undefined);
      agencies.set(request, agencyId);
      try {
        request.body = JSON.parse(body.toString('utf8'));
      } catch {
        throw new Invalid('body', 'Тело запроса — не корректный JSON', 'malformed_json');
      }
      const malformed = findMalformed(request.body, 'body');
      if (malformed) throw new Invalid(malformed, 'Текст содержит недопустимые символы', 'malformed_text');
    }

    const agencyOf = (request: FastifyRequest) => {
      const agencyId = agencies.get(request);
      if (!agencyId) throw new Error('signed webhook route ran without its verify hook');
      return agencyId;
    };
    routes(typed(scope), { verify, agencyOf });
  });
}
