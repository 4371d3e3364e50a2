import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { IsoDate, NonEmpty, Time, Uuid } from '../../http/schemas.js';
import { actorOf, requireStaff } from '../../http/session.js';
import type { Services } from '../../services.js';

const EDITORS = ['admin', 'head', 'receptionist'] as const;
const READERS = [...EDITORS, 'operator'] as const;

const Official = Type.Object({
  id: Uuid,
  name: Type.String(),
  position: Type.String(),
  userId: Type.Union([Uuid, Type.Null()]),
  active: Type.Boolean(),
});
const Room = Type.Object({ id: Uuid, name: Type.String(), videoRecording: Type.Boolean() });
const Booking = Type.Object({
  id: Uuid,
  slotId: Uuid,
  name: Type.String(),
  phone: Type.Union([Type.String(), Type.Null()]),
  email: Type.Union([Type.String(), Type.Null()]),
  topic: Type.String(),
  channel: Type.String(),
  source: Type.String(),
  status: Type.String(),
  createdAt: Type.String(),
});
const Slot = Type.Object({
  id: Uuid,
  startsAt: Type.String(),
  endsAt: Type.String(),
  official: Official,
  room: Type.Union([Room, Type.Null()]),
  booking: Type.Union([Booking, Type.Null()]),
});

export const Email = Type.Optional(
  Type.Union([Type.String({ format: 'email', maxLength: 254 }), Type.Literal(''), Type.Null()]),
);
export const Phone = Type.Optional(
  Type.Union([
    Type.String({ maxLength: 40, pattern: '^[0-9+()\\-\\s]{5,40}$' }),
    Type.Literal(''),
    Type.Null(),
  ]),
);
const optional = (value: string | null | undefined) => value ?? undefined;

export function receptionRoutes(fastify: FastifyInstance, { reception }: Services) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['reception'];
  const byId = Type.Object({ id: Uuid });

  app.get(
    '/api/staff/reception/officials',
    { preHandler: requireStaff(...READERS), schema: { tags, response: { 200: Type.Array(Official) } } },
    (request) => reception.listOfficials(actorOf(request)),
  );

  app.post(
    '/api/staff/reception/officials',
    {
      preHandler: requireStaff(...EDITORS),
      schema: {
        tags,
        body: Type.Object(
          {
            name: NonEmpty(200),
            position: NonEmpty(200),
            userId: Type.Optional(Type.Union([Uuid, Type.Null()])),
          },
          { additionalProperties: false },
        ),
        response: { 201: Official },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await reception.createOfficial(actorOf(request), request.body)),
  );

  app.patch(
    '/api/staff/reception/officials/:id',
    {
      preHandler: requireStaff(...EDITORS),
      schema: {
        tags,
        params: byId,
        body: Type.Object(
          {
            name: Type.Optional(NonEmpty(200)),
            position: Type.Optional(NonEmpty(200)),
            userId: Type.Optional(Type.Union([Uuid, Type.Null()])),
            active: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: { 200: Official },
      },
    },
    (request) => reception.updateOfficial(actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/staff/reception/rooms',
    { preHandler: requireStaff(...READERS), schema: { tags, response: { 200: Type.Array(Room) } } },
    (request) => reception.listRooms(actorOf(request)),
  );

  app.post(
    '/api/staff/reception/rooms',
    {
      preHandler: requireStaff(...EDITORS),
      schema: {
        tags,
        body: Type.Object(
          { name: NonEmpty(200), videoRecording: Type.Boolean() },
          { additionalProperties: false },
        ),
        response: { 201: Room },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await reception.createRoom(actorOf(request), request.body)),
  );

  app.patch(
    '/api/staff/reception/rooms/:id',
    {
      preHandler: requireStaff(...EDITORS),
      schema: {
        tags,
        params: byId,
        body: Type.Object(
          { name: Type.Optional(NonEmpty(200)), videoRecording: Type.Optional(Type.Boolean()) },
          { additionalProperties: false },
        ),
        response: { 200: Room },
      },
    },
    (request) => reception.updateRoom(actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/staff/reception/slots/generate',
    {
      preHandler: requireStaff(...EDITORS),
      schema: {
        tags,
        body: Type.Object(
          {
            officialId: Uuid,
            roomId: Type.Optional(Type.Union([Uuid, Type.Null()])),
            from: IsoDate,
            to: IsoDate,
            pattern: Type.Object(
              {
                weekdays: Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), { minItems: 1, maxItems: 7 }),
                start: Time,
                end: Time,
                minutes: Type.Integer({ minimum: 5, maximum: 240 }),
              },
              { additionalProperties: false },
            ),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ created: Type.Integer(), skipped: Type.Integer() }) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await reception.generateSlots(actorOf(request), request.body)),
  );

  app.get(
    '/api/staff/reception/slots',
    {
      preHandler: requireStaff(...READERS),
      schema: {
        tags,
        querystring: Type.Object({ from: IsoDate, to: IsoDate }, { additionalProperties: false }),
        response: { 200: Type.Array(Slot) },
      },
    },
    (request) => reception.listSlots(actorOf(request), request.query.from, request.query.to),
  );

  app.post(
    '/api/staff/reception/bookings',
    {
      preHandler: requireStaff(...EDITORS),
      schema: {
        tags,
        body: Type.Object(
          {
            slotId: Uuid,
            source: Type.Enum(['written', 'oral'] as const),
            name: NonEmpty(200),
            phone: Phone,
            email: Email,
            topic: NonEmpty(2000),
          },
          { additionalProperties: false },
        ),
        response: { 201: Booking },
      },
    },
    async (request, reply) => {
      const { slotId, phone, email, ...rest } = request.body;
      const booking = await reception.bookForClient(actorOf(request), slotId, {
        ...rest,
        phone: optional(phone),
        email: optional(email),
      });
      return reply.status(201).send(booking);
    },
  );

  app.post(
    '/api/staff/reception/bookings/:id/cancel',
    { preHandler: requireStaff(...EDITORS), schema: { tags, params: byId, response: { 200: Booking } } },
    (request) => reception.cancelByStaff(actorOf(request), request.params.id),
  );
}
