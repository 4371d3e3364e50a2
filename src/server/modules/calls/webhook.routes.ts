import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { signedWebhookRoutes } from '../../http/signed-webhook.js';
import { Invalid } from '../../lib/errors.js';
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
  const webhook = {
    signatureHeader: 'x-pbx-signature',
    agencyIdOf: agencies.idBySlug,
    verify: calls.verifyPbx,
  };
  signedWebhookRoutes(fastify, webhook, (app, { verify, agencyOf }) => {
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
          agencyOf(request),
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
