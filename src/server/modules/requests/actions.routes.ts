import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { type TSchema, Type } from 'typebox';
import { NonEmpty, Uuid } from '../../http/schemas.js';
import { actorOf, requireStaff } from '../../http/session.js';
import type { Actor } from '../../lib/actor.js';
import type { Services } from '../../services.js';
import { Slug } from '../agencies/routes.js';
import { Detail } from './staff.routes.js';

const WRITERS = ['admin', 'head', 'operator'] as const;
const Reason = NonEmpty(2000);
const Outcome = Type.Object({ groundCode: NonEmpty(80), reason: Reason }, { additionalProperties: false });
const Ground = Type.Object({
  code: Type.String(),
  title: Type.String(),
  citation: Type.String(),
  text: Type.String(),
  // The article number still has to be checked against the law's current edition.
  unverified: Type.Boolean(),
});

export function requestActionRoutes(
  fastify: FastifyInstance,
  { requests, requestActions: actions, grounds }: Services,
) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['requests'];

  app.get(
    '/api/staff/request-grounds',
    {
      preHandler: requireStaff(),
      schema: {
        tags,
        response: { 200: Type.Object({ appeal: Type.Array(Ground), info_request: Type.Array(Ground) }) },
      },
    },
    () => {
      const view = (list: typeof grounds.appeal) =>
        list.map((g) => ({ ...g, unverified: g.unverified === true }));
      return { appeal: view(grounds.appeal), info_request: view(grounds.info_request) };
    },
  );

  /** Every action answers with the request as it is after the action. */
  function action<B extends TSchema>(
    path: string,
    body: B,
    run: (actor: Actor, id: string, body: never) => Promise<unknown>,
  ) {
    app.post(
      `/api/staff/requests/:id/${path}`,
      {
        preHandler: requireStaff(...WRITERS),
        schema: { tags, params: Type.Object({ id: Uuid }), body, response: { 200: Detail } },
      },
      async (request) => {
        const actor = actorOf(request);
        await run(actor, request.params.id, request.body as never);
        return requests.detail(actor, request.params.id);
      },
    );
  }

  const Empty = Type.Object({}, { additionalProperties: false });
  action(
    'assign',
    Type.Object(
      { departmentId: Type.Union([Uuid, Type.Null()]), assigneeId: Type.Union([Uuid, Type.Null()]) },
      { additionalProperties: false },
    ),
    actions.assign,
  );
  action('start', Empty, (actor, id) => actions.start(actor, id));
  action(
    'extend',
    Type.Object(
      { days: Type.Integer({ minimum: 1, maximum: 30 }), reason: Reason },
      { additionalProperties: false },
    ),
    actions.extend,
  );
  action(
    'answer',
    Type.Object(
      { text: NonEmpty(20_000), form: Type.Enum(['oral', 'written', 'electronic'] as const) },
      { additionalProperties: false },
    ),
    actions.answer,
  );
  action('refuse', Outcome, actions.refuse);
  action('leave-without-answer', Outcome, actions.leaveWithoutAnswer);
  action(
    'redirect',
    Type.Object(
      {
        // Another agency on Otklik (its slug), or an addressee outside it in words.
        agency: Type.Optional(Slug),
        addressee: Type.Optional(NonEmpty(500)),
        reason: Reason,
      },
      { additionalProperties: false },
    ),
    actions.redirect,
  );
  action('close', Empty, (actor, id) => actions.close(actor, id));
}
