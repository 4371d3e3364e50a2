import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { DEADLINE_BUCKETS, INDEX_COMPONENTS, REPORT_FREQUENCIES } from '../../../common/dashboard.js';
import { actorOf, requireRegionAdmin, requireStaff } from '../../http/session.js';
import type { Services } from '../../services.js';

// Issue 11: heads control their departments, analysts and admins the agency (seed 001 pp. 10–11).
const READERS = ['admin', 'head', 'analyst'] as const;

// Values are checked by the service, so a wrong one is told in Russian with its field.
const Filter = {
  from: Type.Optional(Type.String({ maxLength: 10 })),
  to: Type.Optional(Type.String({ maxLength: 10 })),
  department: Type.Optional(Type.String({ maxLength: 40 })),
  channel: Type.Optional(Type.String({ maxLength: 40 })),
};

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);
const Share = Nullable(Type.Number());
const CountRow = Type.Object({ key: Type.String(), label: Type.String(), count: Type.Integer() });
const SatisfactionCell = Type.Object({
  key: Type.String(),
  answered: Type.Integer(),
  satisfied: Nullable(Type.Integer()),
  share: Share,
  hidden: Type.Boolean(),
});
const ReviewItem = Type.Object({ id: Type.String(), title: Type.String(), reviewDueOn: Type.String() });

const DashboardBody = Type.Object({
  agency: Type.Object({ id: Type.String(), name: Type.String() }),
  from: Type.String(),
  to: Type.String(),
  departmentIds: Nullable(Type.Array(Type.String())),
  channel: Nullable(Type.String()),
  requests: Type.Object({
    total: Type.Integer(),
    byChannel: Type.Array(CountRow),
    byKind: Type.Array(CountRow),
    byStatus: Type.Array(CountRow),
    byTopic: Type.Array(CountRow),
  }),
  deadlines: Type.Object({
    total: Type.Integer(),
    onTime: Type.Integer(),
    extended: Type.Integer(),
    overdue: Type.Integer(),
    open: Type.Integer(),
  }),
  responseTime: Type.Object({ answered: Type.Integer(), bins: Type.Array(CountRow) }),
  calls: Type.Object({ withinHours: Type.Integer(), missed: Type.Integer(), missedShare: Share }),
  satisfaction: Type.Object({
    answered: Type.Integer(),
    satisfied: Type.Integer(),
    share: Share,
    meanRating: Share,
    byChannel: Type.Array(SatisfactionCell),
    months: Type.Array(SatisfactionCell),
  }),
  kb: Type.Object({ sections: Type.Integer(), pastReview: Type.Integer(), items: Type.Array(ReviewItem) }),
  site: Type.Object({ pages: Type.Integer(), stale: Type.Integer(), items: Type.Array(ReviewItem) }),
  kbGaps: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), size: Type.Integer() })),
});

const Index = Type.Object({
  value: Share,
  parts: Type.Array(
    Type.Object({
      component: Type.Enum(INDEX_COMPONENTS),
      value: Share,
      weight: Type.Number(),
      lostPoints: Type.Number(),
    }),
  ),
});

const CentricityBody = Type.Object({
  agency: Index,
  departments: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), index: Index })),
  months: Type.Array(Type.Object({ month: Type.String(), index: Index })),
});

const DrillDownBody = Type.Object({
  total: Type.Integer(),
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      number: Type.String(),
      kind: Type.String(),
      channel: Type.String(),
      status: Type.String(),
      receivedAt: Type.String(),
      dueAt: Type.String(),
      resolvedAt: Nullable(Type.String()),
      departmentId: Nullable(Type.String()),
    }),
  ),
});

const RegionBody = Type.Array(
  Type.Object({
    agencyId: Type.String(),
    name: Type.String(),
    requests: Type.Integer(),
    onTimeShare: Share,
    overdue: Type.Integer(),
    satisfaction: Share,
    missedShare: Share,
    kbPastReview: Type.Integer(),
    siteStale: Type.Integer(),
    index: Share,
  }),
);

const CONTENT_TYPES = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export function dashboardRoutes(fastify: FastifyInstance, { dashboards, dashboardReports }: Services) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['dashboards'];
  const preHandler = requireStaff(...READERS);
  const querystring = Type.Object(Filter, { additionalProperties: false });

  app.get(
    '/api/staff/dashboard',
    { preHandler, schema: { tags, querystring, response: { 200: DashboardBody } } },
    (request) => dashboards.dashboard(actorOf(request), request.query),
  );

  app.get(
    '/api/staff/dashboard/index',
    { preHandler, schema: { tags, querystring, response: { 200: CentricityBody } } },
    (request) => dashboards.centricity(actorOf(request), request.query),
  );

  app.get(
    '/api/staff/dashboard/requests',
    {
      preHandler,
      schema: {
        tags,
        querystring: Type.Object(
          {
            ...Filter,
            bucket: Type.Enum(DEADLINE_BUCKETS),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
            offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: DrillDownBody },
      },
    },
    (request) => dashboards.drillDown(actorOf(request), request.query),
  );

  app.get(
    '/api/staff/dashboard/export',
    {
      preHandler,
      schema: {
        tags,
        querystring: Type.Object(
          { ...Filter, format: Type.Union([Type.Literal('pdf'), Type.Literal('xlsx')]) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const { format, ...filter } = request.query;
      const file = await dashboards.exportFile(actorOf(request), filter, format);
      return reply
        .header('content-type', CONTENT_TYPES[format])
        .header('content-disposition', `attachment; filename="dashboard.${format}"`)
        .send(file);
    },
  );

  app.get(
    '/api/staff/region/dashboard',
    {
      preHandler: requireRegionAdmin(),
      schema: {
        tags,
        querystring: Type.Object(
          { from: Filter.from, to: Filter.to },
          {
            additionalProperties: false,
          },
        ),
        response: { 200: RegionBody },
      },
    },
    (request) => dashboards.region(request.query),
  );

  const Subscription = Type.Object(
    { frequency: Type.Union([Type.Enum(REPORT_FREQUENCIES), Type.Null()]) },
    { additionalProperties: false },
  );
  app.get(
    '/api/staff/dashboard/subscription',
    { preHandler, schema: { tags, response: { 200: Subscription } } },
    (request) => dashboardReports.subscription(actorOf(request)),
  );
  app.put(
    '/api/staff/dashboard/subscription',
    { preHandler, schema: { tags, body: Subscription, response: { 200: Subscription } } },
    (request) => dashboardReports.subscribe(actorOf(request), request.body.frequency),
  );
}
