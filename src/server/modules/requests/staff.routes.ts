import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { REQUEST_TYPES } from '../../../common/classification.js';
import { REQUEST_CHANNELS } from '../../../common/requests.js';
import { NonEmpty, PageQuery, pageOf, Uuid } from '../../http/schemas.js';
import { actorOf, requireStaff } from '../../http/session.js';
import type { Services } from '../../services.js';
import { REQUEST_KINDS } from './deadlines.js';
import { REQUEST_STATUSES } from './lifecycle.js';
import { staffScans } from './staff-scans.js';

const Status = Type.Enum(REQUEST_STATUSES);
const Kind = Type.Enum(REQUEST_KINDS);
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

const Summary = Type.Object({
  id: Uuid,
  number: Type.String(),
  kind: Kind,
  channel: Type.String(),
  status: Status,
  contactName: Type.String(),
  receivedAt: Type.String(),
  dueAt: Type.String(),
  overdue: Type.Boolean(),
  departmentId: Nullable(Uuid),
  assigneeId: Nullable(Uuid),
  topicId: Nullable(Uuid),
  urgent: Type.Boolean(),
});

export const Attachment = Type.Object({
  id: Uuid,
  kind: Type.Enum(['incoming', 'answer'] as const),
  name: Type.String(),
  mimeType: Type.String(),
  size: Type.Integer(),
  uploadedBy: Nullable(Uuid),
  createdAt: Type.String(),
});

export const Detail = Type.Object({
  ...Summary.properties,
  text: Type.String(),
  contactEmail: Nullable(Type.String()),
  contactPhone: Nullable(Type.String()),
  notifyByEmail: Type.Boolean(),
  clientId: Nullable(Uuid),
  registeredAt: Nullable(Type.String()),
  dueSource: Type.String(),
  law: Type.String(),
  extendedAt: Nullable(Type.String()),
  answerText: Nullable(Type.String()),
  answerForm: Nullable(Type.Enum(['oral', 'written', 'electronic'] as const)),
  resolvedAt: Nullable(Type.String()),
  groundCode: Nullable(Type.String()),
  redirectAddressee: Nullable(Type.String()),
  typicalNeedId: Nullable(Uuid),
  requestType: Nullable(Type.Enum(REQUEST_TYPES)),
  classifiedAt: Nullable(Type.String()),
  classifiedBy: Nullable(Uuid),
  externalCategory: Nullable(Type.Object({ category: Type.String(), subcategory: Nullable(Type.String()) })),
  externalSource: Nullable(
    Type.Object({
      organisation: Type.Optional(Type.String()),
      documentNumber: Type.Optional(Type.String()),
      documentDate: Type.Optional(Type.String()),
      links: Type.Optional(Type.Array(Type.String())),
    }),
  ),
  attachments: Type.Array(Attachment),
  events: Type.Array(
    Type.Object({
      at: Type.String(),
      status: Status,
      note: Nullable(Type.String()),
      isPublic: Type.Boolean(),
      actorId: Nullable(Uuid),
    }),
  ),
});

/** The filters of a register view; the list and its XLSX export take the same ones. */
const RegisterQuery = {
  status: Type.Optional(Type.Array(Status, { maxItems: REQUEST_STATUSES.length })),
  kind: Type.Optional(Type.Array(Kind, { maxItems: REQUEST_KINDS.length })),
  channel: Type.Optional(Type.String({ maxLength: 40 })),
  topic: Type.Optional(Uuid),
  overdue: Type.Optional(Type.Boolean()),
  mine: Type.Optional(Type.Boolean()),
  myDepartments: Type.Optional(Type.Boolean()),
  department: Type.Optional(Uuid),
  dueWithin: Type.Optional(Type.Integer({ minimum: 0, maximum: 60 })),
  q: Type.Optional(Type.String({ maxLength: 200 })),
  sort: Type.Optional(Type.Enum(['dueAt', 'receivedAt', 'number'] as const)),
  order: Type.Optional(Type.Enum(['asc', 'desc'] as const)),
};

// Every staff role works with requests in some way; writes come with the lifecycle.
const READERS = ['admin', 'head', 'operator', 'analyst', 'call_operator', 'receptionist'] as const;
const REGISTRARS = ['admin', 'head', 'operator', 'receptionist', 'call_operator'] as const;

/** A request that came by a channel without its own intake, typed in by staff. */
const StaffIntakeBody = Type.Object(
  {
    kind: Kind,
    channel: Type.Enum(REQUEST_CHANNELS.filter((c) => c !== 'portal')),
    receivedAt: Type.String({ format: 'date-time' }),
    text: NonEmpty(10_000),
    name: NonEmpty(200),
    email: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 254 }))),
    phone: Type.Optional(Nullable(Type.String({ maxLength: 40, pattern: '^[0-9+()\\-\\s]{5,40}$' }))),
    notifyByEmail: Type.Optional(Type.Boolean()),
    urgent: Type.Optional(Type.Boolean()),
    // The channel's own number (ПОС message id, МЭДО package id, an envelope's postal id).
    externalId: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 100, pattern: '^\\S+$' }))),
  },
  { additionalProperties: false },
);

export function staffRequestRoutes(fastify: FastifyInstance, services: Services) {
  const { requests } = services;
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['requests'];
  const scans = staffScans(services);
  const registrar = requireStaff(...REGISTRARS);

  app.get(
    '/api/staff/requests',
    {
      preHandler: requireStaff(...READERS),
      schema: {
        tags,
        querystring: Type.Object({ ...RegisterQuery, ...PageQuery }),
        response: { 200: pageOf(Summary) },
      },
    },
    (request) =>
      requests.register(actorOf(request), { ...request.query, q: request.query.q?.trim() || undefined }),
  );

  // JSON, or multipart with the scanned pages of a letter in `files` (stored with the request).
  app.post(
    '/api/staff/requests',
    {
      bodyLimit: scans.bodyLimit,
      // The role is checked before a single uploaded byte is read.
      preValidation: [registrar, (request) => scans.readForm(request, actorOf(request))],
      onSend: async (request, _reply, payload) => {
        await scans.dropUnkept(request);
        return payload;
      },
      schema: {
        tags,
        consumes: ['application/json', 'multipart/form-data'],
        body: StaffIntakeBody,
        response: { 200: Detail, 201: Detail },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const actor = actorOf(request);
      const { row, created } = await requests.registerByStaff(actor, {
        kind: body.kind,
        channel: body.channel,
        receivedAt: new Date(body.receivedAt),
        text: body.text.trim(),
        name: body.name.trim(),
        email: body.email?.trim().toLowerCase() || null,
        phone: body.phone?.trim() || null,
        notifyByEmail: body.notifyByEmail ?? false,
        urgent: body.urgent ?? false,
        externalId: body.externalId ?? null,
        files: scans.filesOf(request),
      });
      scans.keep(request, created);
      return reply.status(created ? 201 : 200).send(await requests.detail(actor, row.id));
    },
  );

  app.get(
    '/api/staff/requests/export.xlsx',
    { preHandler: requireStaff(...READERS), schema: { tags, querystring: Type.Object(RegisterQuery) } },
    async (request, reply) => {
      const workbook = await requests.exportRegister(actorOf(request), {
        ...request.query,
        q: request.query.q?.trim() || undefined,
      });
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'content-disposition',
          `attachment; filename="register-${new Date().toISOString().slice(0, 10)}.xlsx"`,
        )
        .send(workbook);
    },
  );

  app.get(
    '/api/staff/requests/:id',
    {
      preHandler: requireStaff(...READERS),
      schema: { tags, params: Type.Object({ id: Uuid }), response: { 200: Detail } },
    },
    (request) => requests.detail(actorOf(request), request.params.id),
  );
}
