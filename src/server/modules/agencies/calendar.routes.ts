import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { IsoDate } from '../../http/schemas.js';
import { actorOf, requireStaff } from '../../http/session.js';
import type { Services } from '../../services.js';

const DayKind = Type.Union([Type.Literal('working'), Type.Literal('nonWorking'), Type.Literal('short')]);
const Override = Type.Object({
  date: IsoDate,
  kind: DayKind,
  note: Type.Union([Type.String(), Type.Null()]),
});
const DateParams = Type.Object({ date: IsoDate });

export function calendarRoutes(fastify: FastifyInstance, { calendar }: Services) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['calendar'];

  app.get(
    '/api/staff/calendar',
    {
      preHandler: requireStaff(),
      schema: {
        tags,
        querystring: Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) }),
        response: {
          200: Type.Object({
            year: Type.Integer(),
            source: Type.String(),
            nonWorking: Type.Array(IsoDate),
            working: Type.Array(IsoDate),
            short: Type.Array(IsoDate),
            overrides: Type.Array(Override),
          }),
        },
      },
    },
    (request) => calendar.view(actorOf(request), request.query.year),
  );

  app.put(
    '/api/staff/calendar/:date',
    {
      preHandler: requireStaff('admin'),
      schema: {
        tags,
        params: DateParams,
        body: Type.Object(
          { kind: DayKind, note: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])) },
          { additionalProperties: false },
        ),
        response: { 200: Override },
      },
    },
    (request) =>
      calendar.setOverride(
        actorOf(request),
        request.params.date,
        request.body.kind,
        request.body.note?.trim() || null,
      ),
  );

  app.delete(
    '/api/staff/calendar/:date',
    { preHandler: requireStaff('admin'), schema: { tags, params: DateParams } },
    async (request, reply) => {
      await calendar.removeOverride(actorOf(request), request.params.date);
      return reply.status(204).send();
    },
  );
}
