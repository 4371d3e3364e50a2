import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Services } from '../../services.js';
import { Slug } from '../agencies/routes.js';

// Per IP, on top of the per-address limit in the service: a link costs an e-mail, so few are allowed.
const ASKS_PER_IP_PER_HOUR = 20;

export function publicHistoryRoutes(fastify: FastifyInstance, { historyLinks, config }: Services) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['history'];
  const params = Type.Object({ agency: Slug });

  app.post(
    '/api/public/:agency/history-links',
    {
      config: { rateLimit: { max: ASKS_PER_IP_PER_HOUR, timeWindow: '1 hour' } },
      schema: {
        tags,
        params,
        body: Type.Object(
          { email: Type.String({ format: 'email', maxLength: 254 }) },
          { additionalProperties: false },
        ),
        response: { 202: Type.Object({ message: Type.String() }) },
      },
    },
    async (request, reply) => {
      const { delivery } = await historyLinks.ask(request.params.agency, request.body.email);
      delivery.catch((error) => request.log.error({ err: error }, 'history link e-mail not sent'));
      // The same words whether or not the address is known: the answer must not reveal clients.
      return reply.status(202).send({
        message: 'Если этот адрес есть в наших обращениях, на него придёт письмо со ссылкой на историю',
      });
    },
  );

  app.post(
    '/api/public/:agency/history-links/download',
    {
      config: { rateLimit: { max: config.publicRatePerMinute, timeWindow: '1 minute' } },
      schema: {
        tags,
        params,
        body: Type.Object(
          { token: Type.String({ minLength: 20, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' }) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const { zip, fileName } = await historyLinks.download(request.params.agency, request.body.token);
      return reply
        .header('content-type', 'application/zip')
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .header('cache-control', 'no-store')
        .send(zip);
    },
  );
}
