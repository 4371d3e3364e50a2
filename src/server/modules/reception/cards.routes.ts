import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { CARD_OUTCOMES } from '../../../common/reception.js';
import { NonEmpty, Uuid } from '../../http/schemas.js';
import { actorOf, requireStaff } from '../../http/session.js';
import type { Services } from '../../services.js';
import { Email, Phone } from './routes.js';

const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);
const Room = Type.Object({ id: Uuid, name: Type.String(), videoRecording: Type.Boolean() });
const LongText = (maxLength: number) => Type.Optional(Type.Union([Type.String({ maxLength }), Type.Null()]));

const Card = Type.Object({
  id: Uuid,
  closed: Type.Boolean(),
  closedAt: Nullable(Type.String()),
  slot: Type.Object({ id: Uuid, startsAt: Type.String(), endsAt: Type.String() }),
  official: Type.Object({ id: Uuid, name: Type.String(), position: Type.String() }),
  booking: Type.Object({ id: Uuid, status: Type.String(), source: Type.String() }),
  slotRoom: Type.Union([Room, Type.Null()]),
  room: Type.Union([Room, Type.Null()]),
  rooms: Type.Array(Room),
  clientId: Nullable(Uuid),
  name: Type.String(),
  phone: Nullable(Type.String()),
  email: Nullable(Type.String()),
  postalAddress: Nullable(Type.String()),
  topic: Type.String(),
  identityCheckedAt: Nullable(Type.String()),
  recordingConsent: Type.Union([Type.Boolean(), Type.Null()]),
  officialIntroduced: Type.Boolean(),
  appliedBefore: Type.Union([Type.Boolean(), Type.Null()]),
  appliedBeforeDetails: Nullable(Type.String()),
  outcome: Nullable(Type.String()),
  oralAnswerConsent: Type.Union([Type.Boolean(), Type.Null()]),
  answerText: Nullable(Type.String()),
  redirectNote: Nullable(Type.String()),
  request: Type.Union([Type.Object({ id: Uuid, number: Type.String(), dueAt: Type.String() }), Type.Null()]),
  canPrepare: Type.Boolean(),
  canConduct: Type.Boolean(),
});

const optional = (value: string | null | undefined) => value || undefined;
/**
 * A type list rather than a union: with the server's type coercion, a union tries the boolean
 * branch first and turns `null` («not asked yet») into `false` («refused»).
 */
const BooleanOrNull = Type.Unsafe<boolean | null>({ type: ['boolean', 'null'] });

/**
 * The reception card (seed 003 p. 35.2–35.3). Any staff member of the agency may reach these
 * routes: the service decides by role and by the slot's official (cards.service.ts).
 */
export function receptionCardRoutes(fastify: FastifyInstance, { receptionCards }: Services) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['reception'];
  const params = Type.Object({ id: Uuid });

  app.post(
    '/api/staff/reception/cards',
    {
      preHandler: requireStaff(),
      schema: {
        tags,
        body: Type.Union([
          Type.Object({ bookingId: Uuid }, { additionalProperties: false }),
          Type.Object(
            { slotId: Uuid, name: NonEmpty(200), phone: Phone, email: Email, topic: NonEmpty(2000) },
            { additionalProperties: false },
          ),
        ]),
        response: { 200: Card, 201: Card },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const input =
        'bookingId' in body
          ? { bookingId: body.bookingId }
          : { ...body, phone: optional(body.phone), email: optional(body.email) };
      const { created, card } = await receptionCards.open(actorOf(request), input);
      return reply.status(created ? 201 : 200).send(card);
    },
  );

  app.get(
    '/api/staff/reception/cards/:id',
    { preHandler: requireStaff(), schema: { tags, params, response: { 200: Card } } },
    (request) => receptionCards.get(actorOf(request), request.params.id),
  );

  app.patch(
    '/api/staff/reception/cards/:id',
    {
      preHandler: requireStaff(),
      schema: {
        tags,
        params,
        body: Type.Object(
          {
            name: Type.Optional(NonEmpty(200)),
            phone: Phone,
            email: Email,
            postalAddress: LongText(500),
            topic: Type.Optional(NonEmpty(2000)),
            identityChecked: Type.Optional(Type.Boolean()),
            recordingConsent: Type.Optional(BooleanOrNull),
            roomId: Type.Optional(Type.Union([Uuid, Type.Null()])),
          },
          { additionalProperties: false },
        ),
        response: { 200: Card },
      },
    },
    (request) => receptionCards.prepare(actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/staff/reception/cards/:id/close',
    {
      preHandler: requireStaff(),
      schema: {
        tags,
        params,
        body: Type.Object(
          {
            officialIntroduced: Type.Boolean(),
            appliedBefore: Type.Boolean(),
            appliedBeforeDetails: LongText(2000),
            outcome: Type.Enum(CARD_OUTCOMES),
            oralAnswerConsent: Type.Optional(Type.Boolean()),
            answerText: LongText(10_000),
            redirectNote: LongText(2000),
          },
          { additionalProperties: false },
        ),
        response: { 200: Card },
      },
    },
    (request) => receptionCards.close(actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/staff/reception/bookings/:id/no-show',
    { preHandler: requireStaff(), schema: { tags, params } },
    (request) => receptionCards.markNoShow(actorOf(request), request.params.id),
  );
}
