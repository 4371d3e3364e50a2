import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { PROPOSAL_STATUSES } from '../../../common/kb.js';
import { Uuid } from '../../http/schemas.js';
import { actorOf, requireStaff } from '../../http/session.js';
import type { Services } from '../../services.js';
import { KB_READERS } from './permissions.js';

const Proposal = Type.Object({
  id: Uuid,
  title: Type.String(),
  terms: Type.Array(Type.String()),
  sampleText: Type.String(),
  requestIds: Type.Array(Uuid),
  callIds: Type.Array(Uuid),
  size: Type.Integer(),
  status: Type.Enum(PROPOSAL_STATUSES),
  departmentId: Type.Union([Uuid, Type.Null()]),
  departmentName: Type.Union([Type.String(), Type.Null()]),
  articleId: Type.Union([Uuid, Type.Null()]),
  createdAt: Type.String(),
  decidedAt: Type.Union([Type.String(), Type.Null()]),
});
const IdParams = Type.Object({ id: Uuid });

/** FAQ proposals from questions asked often (seed 003 p. 41); who may decide is the service's rule. */
export function kbProposalRoutes(fastify: FastifyInstance, { kbProposals }: Services) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['kb'];

  app.get(
    '/api/staff/kb/proposals',
    {
      preHandler: requireStaff(...KB_READERS),
      schema: {
        tags,
        querystring: Type.Object({ status: Type.Optional(Type.Enum(PROPOSAL_STATUSES)) }),
        response: { 200: Type.Array(Proposal) },
      },
    },
    (request) => kbProposals.list(actorOf(request), request.query.status),
  );

  app.post(
    '/api/staff/kb/proposals/:id/accept',
    {
      preHandler: requireStaff(...KB_READERS),
      schema: { tags, params: IdParams, response: { 200: Proposal } },
    },
    (request) => kbProposals.accept(actorOf(request), request.params.id),
  );

  app.post(
    '/api/staff/kb/proposals/:id/dismiss',
    {
      preHandler: requireStaff(...KB_READERS),
      schema: { tags, params: IdParams, response: { 200: Proposal } },
    },
    (request) => kbProposals.dismiss(actorOf(request), request.params.id),
  );
}
