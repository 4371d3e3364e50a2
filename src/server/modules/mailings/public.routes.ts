import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { Uuid } from '../../http/schemas.js';
import type { Services } from '../../services.js';
import { Slug } from '../agencies/routes.js';

const Token = Type.String({ minLength: 20, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' });
/** A subscription form is a few hundred bytes; anything far bigger is not one. */
const SUBSCRIBE_BODY_LIMIT = 8 * 1024;

/** A transparent 1×1 GIF: what the open-tracking pixel answers. */
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
/** `<row>.<mac>` for the pixel, `<row>.<link>.<mac>` for a link (tracking.ts). */
const TrackingToken = Type.String({
  minLength: 3,
  maxLength: 60,
  pattern: '^[0-9]{1,18}(\\.[0-9]{1,4})?\\.[A-Za-z0-9_-]{22}$',
});
const trackingGone = { error: 'link_invalid', message: 'Ссылка недействительна', field: 'params.token' };

export function publicMailingRoutes(
  fastify: FastifyInstance,
  { subscriptions, mailingTracking, config }: Services,
) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['mailings'];
  const params = Type.Object({ agency: Slug });
  const byToken = Type.Object({ agency: Slug, token: Token });
  const rateLimit = { max: config.publicRatePerMinute, timeWindow: '1 minute' };

  app.get(
    '/api/public/:agency/subscriptions/form',
    {
      config: { rateLimit },
      schema: {
        tags,
        params,
        response: {
          200: Type.Object({
            agencyName: Type.String(),
            consentText: Type.String(),
            topics: Type.Array(Type.Object({ id: Uuid, title: Type.String(), description: Type.String() })),
          }),
        },
      },
    },
    (request) => subscriptions.form(request.params.agency),
  );

  app.post(
    '/api/public/:agency/subscriptions',
    {
      bodyLimit: SUBSCRIBE_BODY_LIMIT,
      // Seed 004 p. 14 opens the form to anyone: one IP may not flood addresses with confirmations.
      config: { rateLimit: { max: config.subscribeRatePerMinute, timeWindow: '1 minute' } },
      schema: {
        tags,
        params,
        body: Type.Object(
          {
            email: Type.String({ minLength: 3, maxLength: 254 }),
            topics: Type.Optional(Type.Array(Uuid, { minItems: 1, maxItems: 50 })),
            consent: Type.Boolean(),
            sourcePage: Type.Optional(Type.String({ maxLength: 500 })),
          },
          { additionalProperties: false },
        ),
        response: { 202: Type.Object({ message: Type.String() }) },
      },
    },
    async (request, reply) => {
      subscriptions.assertConsent(request.body.consent);
      await subscriptions.subscribe(request.params.agency, {
        email: request.body.email,
        topics: request.body.topics,
        sourcePage: request.body.sourcePage,
        ip: request.ip,
      });
      return reply.status(202).send({
        message: 'Мы отправили письмо со ссылкой для подтверждения подписки. Проверьте почту',
      });
    },
  );

  app.post(
    '/api/public/:agency/subscriptions/confirm',
    {
      config: { rateLimit },
      schema: {
        tags,
        params,
        body: Type.Object({ token: Token }, { additionalProperties: false }),
        response: { 200: Type.Object({ email: Type.String(), topics: Type.Array(Type.String()) }) },
      },
    },
    (request) => subscriptions.confirm(request.params.agency, request.body.token, request.ip),
  );

  app.get(
    '/api/public/:agency/unsubscribe/:token',
    {
      config: { rateLimit },
      schema: {
        tags,
        params: byToken,
        response: {
          200: Type.Object({ agencyName: Type.String(), email: Type.String(), subscribed: Type.Boolean() }),
        },
      },
    },
    (request) => subscriptions.describeUnsubscribe(request.params.agency, request.params.token),
  );

  // The button on the unsubscribe page (a GET of the link itself only shows the page).
  app.post(
    '/api/public/:agency/unsubscribe/:token',
    {
      config: { rateLimit },
      schema: { tags, params: byToken, response: { 200: Type.Object({ message: Type.String() }) } },
    },
    async (request) => {
      await subscriptions.unsubscribe(
        request.params.agency,
        request.params.token,
        'unsubscribe_link',
        request.ip,
      );
      return { message: 'Вы отписались от рассылок. Больше писем не будет' };
    },
  );

  // RFC 8058 one-click: the mail client POSTs «List-Unsubscribe=One-Click» to the header's URL.
  // Its body (form-encoded or multipart) carries nothing else, so it is read as text and ignored.
  fastify.register(async (oneClick) => {
    oneClick.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 1024 },
      (_request, body, done) => done(null, body),
    );
    oneClick.withTypeProvider<TypeBoxTypeProvider>().post(
      '/:agency/unsubscribe/:token',
      {
        bodyLimit: 1024,
        config: { rateLimit },
        schema: { tags, params: byToken, response: { 200: Type.Object({ message: Type.String() }) } },
      },
      async (request) => {
        await subscriptions.unsubscribe(
          request.params.agency,
          request.params.token,
          'list_unsubscribe_post',
          request.ip,
        );
        return { message: 'Вы отписались от рассылок' };
      },
    );
  });

  // Issue 9 p. 6, only for agencies that turned tracking on: the pixel, and links through us.
  const tracked = Type.Object({ token: TrackingToken });
  const Gone = Type.Object({ error: Type.String(), message: Type.String(), field: Type.String() });
  app.get(
    '/api/public/mailings/o/:token',
    {
      config: { rateLimit },
      schema: {
        tags,
        params: tracked,
        response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }), 404: Gone },
      },
    },
    async (request, reply) => {
      if (!(await mailingTracking.opened(request.params.token))) return reply.status(404).send(trackingGone);
      return reply.header('content-type', 'image/gif').header('cache-control', 'no-store').send(PIXEL);
    },
  );

  app.get(
    '/api/public/mailings/c/:token',
    { config: { rateLimit }, schema: { tags, params: tracked, response: { 404: Gone } } },
    async (request, reply) => {
      const target = await mailingTracking.clicked(request.params.token);
      if (!target) return reply.status(404).send(trackingGone);
      return reply.header('cache-control', 'no-store').redirect(target, 302);
    },
  );
}
