import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { Uuid } from '../../http/schemas.js';
import { Invalid } from '../../lib/errors.js';
import type { Services } from '../../services.js';
import { Slug } from '../agencies/routes.js';
import { Email, Phone } from './routes.js';

const CancelToken = Type.String({ minLength: 20, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' });

export function publicReceptionRoutes(fastify: FastifyInstance, { reception, config }: Services) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['reception'];
  const params = Type.Object({ agency: Slug });
  const rateLimit = { max: config.publicRatePerMinute, timeWindow: '1 minute' };

  app.get(
    '/api/public/:agency/reception/slots',
    {
      config: { rateLimit },
      schema: {
        tags,
        params,
        response: {
          200: Type.Array(
            Type.Object({
              id: Uuid,
              startsAt: Type.String(),
              official: Type.String(),
              available: Type.Boolean(),
            }),
          ),
        },
      },
    },
    (request) => reception.publicSlots(request.params.agency),
  );

  app.post(
    '/api/public/:agency/bookings',
    {
      config: { rateLimit },
      schema: {
        tags,
        params,
        body: Type.Object(
          {
            slotId: Uuid,
            name: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
            phone: Phone,
            email: Email,
            topic: Type.String({ minLength: 1, maxLength: 2000, pattern: '\\S' }),
            consent: Type.Boolean(),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ id: Uuid, startsAt: Type.String() }) },
      },
    },
    async (request, reply) => {
      const { slotId, consent, phone, email, ...rest } = request.body;
      if (consent !== true) {
        throw new Invalid(
          'body.consent',
          'Без согласия на обработку персональных данных записаться на приём нельзя',
          'consent_required',
        );
      }
      const booking = await reception.bookFromPortal(request.params.agency, slotId, {
        ...rest,
        phone: phone ?? undefined,
        email: email ?? undefined,
      });
      return reply.status(201).send(booking);
    },
  );

  app.get(
    '/api/public/:agency/bookings/cancel',
    {
      config: { rateLimit },
      schema: {
        tags,
        params,
        querystring: Type.Object({ token: CancelToken }, { additionalProperties: false }),
        response: { 200: Type.Object({ startsAt: Type.String(), topic: Type.String() }) },
      },
    },
    (request) => reception.describeByToken(request.params.agency, request.query.token),
  );

  // A POST, so mail scanners that open links cannot cancel a booking; the page asks for a button press.
  app.post(
    '/api/public/:agency/bookings/cancel',
    {
      config: { rateLimit },
      schema: {
        tags,
        params,
        body: Type.Object({ token: CancelToken }, { additionalProperties: false }),
        response: { 200: Type.Object({ message: Type.String() }) },
      },
    },
    async (request) => {
      await reception.cancelByToken(request.params.agency, request.body.token);
      return { message: 'Запись на приём отменена' };
    },
  );
}
