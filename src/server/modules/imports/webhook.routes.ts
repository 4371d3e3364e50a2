import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { NonEmpty } from '../../http/schemas.js';
import { findMalformed } from '../../http/text-guard.js';
import { Invalid, NotFound } from '../../lib/errors.js';
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
      const signature = request.headers['x-pos-signature'];
      await posSettings.verify(agency.id, body, typeof signature === 'string' ? signature : undefined);
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
        const agencyId = agencyOf.get(request) as string;
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
