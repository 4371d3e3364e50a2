import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { findMalformed } from '../../http/text-guard.js';
import { Invalid, NotFound } from '../../lib/errors.js';
import type { Services } from '../../services.js';
import { Slug } from '../agencies/routes.js';

/** A call event is a handful of fields. */
export const PBX_WEBHOOK_MAX_BYTES = 16 * 1024;

const PbxCall = Type.Object({
  callId: Type.String({ minLength: 1, maxLength: 100, pattern: '^\\S+$' }),
  caller: Type.String({ minLength: 5, maxLength: 40, pattern: '^[0-9+()\\-\\s]{5,40}$' }),
  startedAt: Type.String({ format: 'date-time' }),
  answered: Type.Boolean(),
  durationSec: Type.Integer({ minimum: 0, maximum: 86_400 }),
  operatorExtension: Type.Optional(Type.Union([Type.String({ maxLength: 20 }), Type.Null()])),
});

const Accepted = Type.Object({ id: Type.String(), callId: Type.String(), duplicate: Type.Boolean() });

/**
 * `POST /api/channels/pbx/:agency`: the PBX reports a call, signed with the agency's secret
 * (X-Pbx-Signature: hex HMAC-SHA256 of the raw body), checked before the JSON is read. Redelivery
 * of the same callId answers 200 with the stored call.
 */
export function pbxWebhookRoutes(fastify: FastifyInstance, { agencies, calls, config }: Services) {
  const raw = new WeakMap<FastifyRequest, Buffer>();
  const agencyOf = new WeakMap<FastifyRequest, string>();

  fastify.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
      raw.set(request, body as Buffer);
      done(null, null);
    });
    const app = scope.withTypeProvider<TypeBoxTypeProvider>();

    async function verify(request: FastifyRequest<{ Params: { agency: string } }>) {
      const agency = await agencies.findBySlug(request.params.agency);
      if (!agency) throw new NotFound('agency_not_found', 'Ведомство не найдено');
      const body = raw.get(request) ?? Buffer.alloc(0);
      const signature = request.headers['x-pbx-signature'];
      await calls.verifyPbx(agency.id, body, typeof signature === 'string' ? signature : undefined);
      agencyOf.set(request, agency.id);
      try {
        request.body = JSON.parse(body.toString('utf8'));
      } catch {
        throw new Invalid('body', 'Тело запроса — не корректный JSON', 'malformed_json');
      }
      const malformed = findMalformed(request.body, 'body');
      if (malformed) throw new Invalid(malformed, 'Текст содержит недопустимые символы', 'malformed_text');
    }

    app.post(
      '/api/channels/pbx/:agency',
      {
        bodyLimit: PBX_WEBHOOK_MAX_BYTES,
        config: { rateLimit: { max: config.publicRatePerMinute, timeWindow: '1 minute' } },
        preValidation: verify,
        schema: {
          tags: ['calls'],
          params: Type.Object({ agency: Slug }),
          headers: Type.Object({ 'x-pbx-signature': Type.Optional(Type.String()) }),
          body: PbxCall,
          response: { 200: Accepted, 201: Accepted },
        },
      },
      async (request, reply) => {
        const body = request.body;
        const startedAt = new Date(body.startedAt);
        if (startedAt.getTime() > Date.now() + 60_000) {
          throw new Invalid('body.startedAt', 'Время звонка не может быть в будущем');
        }
        const { row, created } = await calls.intake(
          agencyOf.get(request) as string,
          {
            source: 'pbx',
            externalId: body.callId,
            caller: body.caller,
            startedAt,
            answered: body.answered,
            durationSec: body.durationSec,
            operatorId: null,
          },
          null,
        );
        return reply
          .status(created ? 201 : 200)
          .send({ id: row.id, callId: body.callId, duplicate: !created });
      },
    );
  });
}
