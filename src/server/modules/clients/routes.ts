import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { CLIENT_KINDS, CONTACT_KINDS } from '../../../common/clients.js';
import { NonEmpty, PageQuery, pageOf, Uuid } from '../../http/schemas.js';
import { actorOf, requireStaff } from '../../http/session.js';
import type { Services } from '../../services.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);
const Kind = Type.Enum(CLIENT_KINDS);
const ContactKind = Type.Enum(CONTACT_KINDS);

export const ClientSummary = Type.Object({
  id: Uuid,
  kind: Kind,
  name: Type.String(),
  organisationName: Nullable(Type.String()),
  email: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  legalHold: Type.Boolean(),
  lastInteractionAt: Type.String(),
});

const Contact = Type.Object({
  id: Uuid,
  kind: ContactKind,
  value: Type.String(),
  verified: Type.Boolean(),
  source: Type.String(),
  createdAt: Type.String(),
  bouncedAt: Nullable(Type.String()),
  bounceReason: Nullable(Type.String()),
});

const ClientDetail = Type.Object({
  id: Uuid,
  kind: Kind,
  name: Type.String(),
  organisationName: Nullable(Type.String()),
  inn: Nullable(Type.String()),
  postalAddress: Nullable(Type.String()),
  legalHold: Type.Boolean(),
  legalHoldReason: Nullable(Type.String()),
  createdAt: Type.String(),
  lastInteractionAt: Type.String(),
  contacts: Type.Array(Contact),
  mergedFrom: Nullable(Uuid),
});

const Suggestion = Type.Object({
  left: ClientSummary,
  right: ClientSummary,
  reasons: Type.Array(Type.Object({ kind: Type.String(), value: Type.String() })),
});

// Every staff role meets clients; changing them is for those who work with requests and visitors.
export const CLIENT_READERS = [
  'admin',
  'head',
  'operator',
  'analyst',
  'call_operator',
  'receptionist',
] as const;
export const CLIENT_EDITORS = ['admin', 'head', 'operator', 'call_operator', 'receptionist'] as const;
const Params = Type.Object({ id: Uuid });
const ContactParams = Type.Object({ id: Uuid, contactId: Uuid });
const OptionalText = (max: number) => Type.Optional(Nullable(Type.String({ maxLength: max })));

export function clientRoutes(fastify: FastifyInstance, { clients, clientMerges }: Services) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['clients'];
  const detail = { 200: ClientDetail };

  app.get(
    '/api/staff/clients',
    {
      preHandler: requireStaff(...CLIENT_READERS),
      schema: {
        tags,
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 200 })),
          sort: Type.Optional(Type.Enum(['name', 'lastInteractionAt', 'createdAt'] as const)),
          order: Type.Optional(Type.Enum(['asc', 'desc'] as const)),
          ...PageQuery,
        }),
        response: { 200: pageOf(ClientSummary) },
      },
    },
    (request) =>
      clients.list(actorOf(request), { ...request.query, q: request.query.q?.trim() || undefined }),
  );

  app.get(
    '/api/staff/clients/merge-suggestions',
    {
      preHandler: requireStaff(...CLIENT_EDITORS),
      schema: { tags, response: { 200: Type.Array(Suggestion) } },
    },
    (request) => clientMerges.suggestions(actorOf(request)),
  );

  app.get(
    '/api/staff/clients/:id',
    { preHandler: requireStaff(...CLIENT_READERS), schema: { tags, params: Params, response: detail } },
    (request) => clients.detail(actorOf(request), request.params.id),
  );

  app.patch(
    '/api/staff/clients/:id',
    {
      preHandler: requireStaff(...CLIENT_EDITORS),
      schema: {
        tags,
        params: Params,
        body: Type.Object(
          {
            kind: Type.Optional(Kind),
            name: Type.Optional(NonEmpty(300)),
            organisationName: OptionalText(500),
            inn: OptionalText(12),
            postalAddress: OptionalText(500),
          },
          { additionalProperties: false },
        ),
        response: detail,
      },
    },
    (request) => {
      const body = request.body;
      const blank = (v: string | null | undefined) => (v === undefined ? undefined : v?.trim() || null);
      return clients.update(actorOf(request), request.params.id, {
        kind: body.kind,
        name: body.name?.trim(),
        organisationName: blank(body.organisationName),
        inn: blank(body.inn),
        postalAddress: blank(body.postalAddress),
      });
    },
  );

  app.post(
    '/api/staff/clients/:id/contacts',
    {
      preHandler: requireStaff(...CLIENT_EDITORS),
      schema: {
        tags,
        params: Params,
        body: Type.Object(
          { kind: ContactKind, value: NonEmpty(500), verified: Type.Optional(Type.Boolean()) },
          { additionalProperties: false },
        ),
        response: { 201: ClientDetail },
      },
    },
    async (request, reply) => {
      const { kind, value, verified } = request.body;
      const result = await clients.addContact(actorOf(request), request.params.id, {
        kind,
        value,
        verified: verified ?? false,
      });
      return reply.status(201).send(result);
    },
  );

  app.patch(
    '/api/staff/clients/:id/contacts/:contactId',
    {
      preHandler: requireStaff(...CLIENT_EDITORS),
      schema: {
        tags,
        params: ContactParams,
        body: Type.Object(
          { value: Type.Optional(NonEmpty(500)), verified: Type.Optional(Type.Boolean()) },
          { additionalProperties: false },
        ),
        response: detail,
      },
    },
    (request) =>
      clients.updateContact(actorOf(request), request.params.id, request.params.contactId, request.body),
  );

  app.delete(
    '/api/staff/clients/:id/contacts/:contactId',
    {
      preHandler: requireStaff(...CLIENT_EDITORS),
      schema: { tags, params: ContactParams, response: detail },
    },
    (request) => clients.removeContact(actorOf(request), request.params.id, request.params.contactId),
  );

  app.put(
    '/api/staff/clients/:id/legal-hold',
    {
      preHandler: requireStaff('admin', 'head'),
      schema: {
        tags,
        params: Params,
        body: Type.Object(
          { legalHold: Type.Boolean(), reason: Type.Optional(Type.String({ maxLength: 1000 })) },
          { additionalProperties: false },
        ),
        response: detail,
      },
    },
    (request) => clients.setLegalHold(actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/staff/clients/:id/merge',
    {
      preHandler: requireStaff('admin', 'head', 'operator'),
      schema: {
        tags,
        params: Params,
        body: Type.Object({ mergedId: Uuid }, { additionalProperties: false }),
        response: detail,
      },
    },
    (request) => clientMerges.merge(actorOf(request), request.params.id, request.body.mergedId),
  );
}
