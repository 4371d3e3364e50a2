import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { NonEmpty } from '../../http/schemas.js';
import { signedWebhookRoutes } from '../../http/signed-webhook.js';
import { Invalid } from '../../lib/errors.js';
import type { Services } from '../../services.js';
import { Slug } from '../agencies/routes.js';
import { posIntake } from './pos-messages.js';

/** A ПОС message is text and links: far below the general body limit. */
export const POS_WEBHOOK_MAX_BYTES = 256 * 1024;

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

/** The webhook's body; see PosMessage (pos-messages.ts) and docs/api.md «ПОС». */
const PosWebhookBody = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 100, pattern: '^\\S+$' }),
  createdAt: Type.String({ format: 'date-time' }),
  text: NonEmpty(10_000),
  author: Type.Object({
    name: NonEmpty(200),
    email: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 254 }))),
    phone: Type.Optional(Nullable(Type.String({ maxLength: 40, pattern: '^[0-9+()\\-\\s]{5,40}$' }))),
  }),
  category: NonEmpty(300),
  subcategory: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
  fastTrack: Type.Boolean(),
  attachments: Type.Optional(
    Type.Array(
      Type.Object({
        name: Type.Optional(Type.String({ maxLength: 255 })),
        url: Type.String({ format: 'uri', maxLength: 2000 }),
      }),
      { maxItems: 20 },
    ),
  ),
});

const Accepted = Type.Object({ id: Type.String(), number: Type.String(), duplicate: Type.Boolean() });

/**
 * `POST /api/channels/pos/:agency`: ПОС delivers a message, signed with the agency's shared secret
 * (X-Pos-Signature: hex HMAC-SHA256 of the raw body). The signature is checked on the bytes as
 * they came, before the JSON is even read; the answer comes after commit, so a 2xx means stored.
 */
export function posWebhookRoutes(
  fastify: FastifyInstance,
  { agencies, posSettings, requests, config }: Services,
) {
  const webhook = {
    signatureHeader: 'x-pos-signature',
    agencyIdOf: agencies.idBySlug,
    verify: posSettings.verify,
  };
  signedWebhookRoutes(fastify, webhook, (app, { verify, agencyOf }) => {
    app.post(
      '/api/channels/pos/:agency',
      {
        bodyLimit: POS_WEBHOOK_MAX_BYTES,
        config: { rateLimit: { max: config.publicRatePerMinute, timeWindow: '1 minute' } },
        preValidation: verify,
        schema: {
          tags: ['imports'],
          params: Type.Object({ agency: Slug }),
          headers: Type.Object({ 'x-pos-signature': Type.Optional(Type.String()) }),
          body: PosWebhookBody,
          response: { 200: Accepted, 201: Accepted },
        },
      },
      async (request, reply) => {
        const body = request.body;
        const agencyId = agencyOf(request);
        const createdAt = new Date(body.createdAt);
        if (createdAt.getTime() > Date.now() + 60_000) {
          throw new Invalid('body.createdAt', 'Дата сообщения не может быть в будущем');
        }
        const { externalId, ...intake } = posIntake({
          id: body.id,
          createdAt,
          text: body.text.trim(),
          name: body.author.name.trim(),
          email: body.author.email?.trim() || null,
          phone: body.author.phone?.trim() || null,
          category: body.category.trim(),
          subcategory: body.subcategory?.trim() || null,
          fastTrack: body.fastTrack,
          links: (body.attachments ?? []).map((file) => file.url),
        });
        const { row, created } = await requests.registerFromChannel(agencyId, { ...intake, externalId });
        return reply
          .status(created ? 201 : 200)
          .send({ id: body.id, number: row.number, duplicate: !created });
      },
    );
  });
}
