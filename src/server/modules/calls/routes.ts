import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { CALL_OUTCOMES, CALL_QUALITIES, CALL_SOURCES } from '../../../common/calls.js';
import { IsoDate, PageQuery, pageOf, Uuid } from '../../http/schemas.js';
import { actorOf, requireRecentAuth, requireStaff } from '../../http/session.js';
import { Invalid } from '../../lib/errors.js';
import type { Services } from '../../services.js';
import { readImportFile } from '../imports/routes.js';
import { importEkcCalls } from './ekc-import.js';
import type { CallRow } from './repo.js';

export const CALL_READERS = ['admin', 'head', 'call_operator', 'operator'] as const;
export const CALL_WRITERS = ['admin', 'call_operator', 'operator'] as const;

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);
const Phone = Type.String({ minLength: 5, maxLength: 40, pattern: '^[0-9+()\\-\\s]{5,40}$' });
const Text = (maxLength: number) => Nullable(Type.String({ maxLength }));

export const Call = Type.Object({
  id: Uuid,
  source: Type.Enum(CALL_SOURCES),
  externalId: Nullable(Type.String()),
  callerPhone: Type.String(),
  clientId: Nullable(Uuid),
  startedAt: Type.String(),
  answered: Type.Boolean(),
  durationSec: Type.Integer(),
  withinHours: Type.Boolean(),
  operatorId: Nullable(Uuid),
  topicId: Nullable(Uuid),
  question: Nullable(Type.String()),
  answer: Nullable(Type.String()),
  outcome: Nullable(Type.Enum(CALL_OUTCOMES)),
  requestId: Nullable(Uuid),
  redirectNote: Nullable(Type.String()),
  surveyAnswerReceived: Nullable(Type.Boolean()),
  surveyQuality: Nullable(Type.Enum(CALL_QUALITIES)),
  callbackDueAt: Nullable(Type.String()),
  callbackDoneAt: Nullable(Type.String()),
  callbackDoneBy: Nullable(Uuid),
});

const CallListItem = Type.Object({ ...Call.properties, operatorName: Nullable(Type.String()) });

const iso = (value: Date | null) => value?.toISOString() ?? null;
export const toCall = (row: CallRow) => ({
  id: row.id,
  source: row.source,
  externalId: row.externalId,
  callerPhone: row.callerPhone,
  clientId: row.clientId,
  startedAt: row.startedAt.toISOString(),
  answered: row.answered,
  durationSec: row.durationSec,
  withinHours: row.withinHours,
  operatorId: row.operatorId,
  topicId: row.topicId,
  question: row.question,
  answer: row.answer,
  outcome: row.outcome,
  requestId: row.requestId,
  redirectNote: row.redirectNote,
  surveyAnswerReceived: row.surveyAnswerReceived,
  surveyQuality: row.surveyQuality,
  callbackDueAt: iso(row.callbackDueAt),
  callbackDoneAt: iso(row.callbackDoneAt),
  callbackDoneBy: row.callbackDoneBy,
});

const ManualCall = Type.Object(
  {
    source: Type.Optional(Type.Enum(['manual', 'ekc110'] as const)),
    caller: Phone,
    startedAt: Type.String({ format: 'date-time' }),
    answered: Type.Boolean(),
    durationSec: Type.Optional(Type.Integer({ minimum: 0, maximum: 86_400 })),
  },
  { additionalProperties: false },
);

const CardPatch = Type.Object(
  {
    topicId: Type.Optional(Nullable(Uuid)),
    question: Type.Optional(Text(10_000)),
    answer: Type.Optional(Text(20_000)),
    outcome: Type.Optional(Nullable(Type.Enum(CALL_OUTCOMES))),
    redirectNote: Type.Optional(Text(2_000)),
    surveyAnswerReceived: Type.Optional(Nullable(Type.Boolean())),
    surveyQuality: Type.Optional(Nullable(Type.Enum(CALL_QUALITIES))),
  },
  { additionalProperties: false },
);

const ListQuery = Type.Object({
  ...PageQuery,
  from: Type.Optional(Type.String({ format: 'date-time' })),
  to: Type.Optional(Type.String({ format: 'date-time' })),
  answered: Type.Optional(Type.Boolean()),
  withinHours: Type.Optional(Type.Boolean()),
  source: Type.Optional(Type.Enum(CALL_SOURCES)),
  operatorId: Type.Optional(Uuid),
});

const Counts = { withinHours: Type.Integer(), outsideHours: Type.Integer() };
const MissedReport = Type.Object({
  from: Type.String(),
  to: Type.String(),
  total: Type.Integer(),
  ...Counts,
  callbacksDone: Type.Integer(),
  callbacksOpen: Type.Integer(),
  byDay: Type.Array(Type.Object({ date: Type.String(), ...Counts })),
  byHour: Type.Array(Type.Object({ hour: Type.Integer(), ...Counts })),
});

const notInFuture = (startedAt: Date, field: string) => {
  if (startedAt.getTime() > Date.now() + 60_000)
    throw new Invalid(field, 'Время звонка не может быть в будущем');
};

/** The consult line under `/api/staff/calls` (issue 7, seed 003 p. 27). */
export function callRoutes(fastify: FastifyInstance, { calls, agencies, config }: Services) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['calls'];
  const reader = requireStaff(...CALL_READERS);
  const writer = requireStaff(...CALL_WRITERS);
  const params = Type.Object({ id: Uuid });

  app.post(
    '/api/staff/calls',
    { preHandler: writer, schema: { tags, body: ManualCall, response: { 201: Call } } },
    async (request, reply) => {
      const startedAt = new Date(request.body.startedAt);
      notInFuture(startedAt, 'body.startedAt');
      const { row } = await calls.log(actorOf(request), {
        source: request.body.source ?? 'manual',
        caller: request.body.caller,
        startedAt,
        answered: request.body.answered,
        durationSec: request.body.durationSec ?? 0,
      });
      return reply.status(201).send(toCall(row));
    },
  );

  app.get(
    '/api/staff/calls',
    {
      preHandler: reader,
      schema: { tags, querystring: ListQuery, response: { 200: pageOf(CallListItem) } },
    },
    async (request) => {
      const { from, to, ...rest } = request.query;
      const page = await calls.list(actorOf(request), {
        ...rest,
        from: from ? new Date(from) : undefined,
        to: to ? new Date(to) : undefined,
      });
      return {
        ...page,
        items: page.items.map((row) => ({ ...toCall(row), operatorName: row.operatorName })),
      };
    },
  );

  app.post(
    '/api/staff/calls/ekc-import',
    {
      preHandler: writer,
      bodyLimit: config.attachmentMaxBytes + 64 * 1024,
      schema: {
        tags,
        consumes: ['multipart/form-data'],
        response: {
          200: Type.Object({
            rows: Type.Array(
              Type.Object({
                row: Type.Integer(),
                status: Type.Enum(['created', 'duplicate', 'error'] as const),
                callId: Type.Optional(Uuid),
                message: Type.Optional(Type.String()),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const file = await readImportFile(request, config.attachmentMaxBytes);
      const { timezone } = await agencies.byId(actor.agencyId);
      return { rows: await importEkcCalls(calls, actor, timezone, file) };
    },
  );

  app.get(
    '/api/staff/calls/missed-report',
    {
      preHandler: reader,
      schema: {
        tags,
        querystring: Type.Object({ from: IsoDate, to: IsoDate }),
        response: { 200: MissedReport },
      },
    },
    (request) => calls.missedReport(actorOf(request), request.query.from, request.query.to),
  );

  app.get(
    '/api/staff/calls/:id',
    { preHandler: reader, schema: { tags, params, response: { 200: Call } } },
    async (request) => toCall(await calls.get(actorOf(request), request.params.id)),
  );

  app.patch(
    '/api/staff/calls/:id',
    { preHandler: writer, schema: { tags, params, body: CardPatch, response: { 200: Call } } },
    async (request) => toCall(await calls.update(actorOf(request), request.params.id, request.body)),
  );

  app.post(
    '/api/staff/calls/:id/request',
    {
      preHandler: writer,
      schema: {
        tags,
        params,
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 300, pattern: '\\S' }),
            email: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 254 }))),
            text: Type.Optional(Text(10_000)),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ call: Call, requestId: Uuid, number: Type.String() }),
        },
      },
    },
    async (request) => {
      const { call, ...rest } = await calls.toRequest(actorOf(request), request.params.id, {
        name: request.body.name.trim(),
        email: request.body.email?.trim().toLowerCase() || null,
        text: request.body.text ?? null,
      });
      return { call: toCall(call), ...rest };
    },
  );

  app.post(
    '/api/staff/calls/:id/callback-done',
    { preHandler: writer, schema: { tags, params, response: { 200: Call } } },
    async (request) => toCall(await calls.callbackDone(actorOf(request), request.params.id)),
  );

  app.get(
    '/api/staff/calls/pbx/secret',
    {
      preHandler: requireStaff('admin'),
      schema: {
        tags,
        response: { 200: Type.Object({ configured: Type.Boolean(), rotatedAt: Nullable(Type.String()) }) },
      },
    },
    (request) => calls.pbxStatus(actorOf(request)),
  );

  // A new secret shown once lets whoever holds it post calls into the agency: a fresh password first.
  app.post(
    '/api/staff/calls/pbx/secret',
    {
      preHandler: [requireStaff('admin'), requireRecentAuth(config.reauthWindowMinutes)],
      schema: { tags, response: { 200: Type.Object({ secret: Type.String(), rotatedAt: Type.String() }) } },
    },
    (request) => calls.rotatePbxSecret(actorOf(request)),
  );
}
