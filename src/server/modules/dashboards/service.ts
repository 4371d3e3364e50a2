import type {
  CentricityReport,
  Dashboard,
  DashboardFilter,
  DeadlineBucket,
  RegionRow,
} from '../../../common/dashboard.js';
import { REQUEST_CHANNELS } from '../../../common/requests.js';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { localDate } from '../../lib/calendar.js';
import { Invalid } from '../../lib/errors.js';
import type { CalendarService } from '../agencies/calendar.service.js';
import type { AgencyService } from '../agencies/service.js';
import type { UserService } from '../auth/users.service.js';
import { centricityIndex, componentsOf } from './centricity.js';
import { dashboardPdf, dashboardWorkbook } from './export.js';
import {
  computeDashboard,
  deadlinesBy,
  kbFreshnessByDepartment,
  missedCallsByMonth,
  requestsInBucket,
} from './repo.js';
import type { Scope } from './scope.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DEFAULT_DAYS = 90;
/** The working-day table of the response-time histogram is built per day: a bounded period keeps it small. */
const MAX_DAYS = 3 * 366;
const DAY_MS = 86_400_000;
/** Heads are shown their own departments first; admins and analysts look at the whole agency. */
const OVERSEERS = ['admin', 'analyst'] as const;

const plusDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

function checkPeriod(filter: DashboardFilter, today: string) {
  for (const field of ['from', 'to'] as const) {
    const value = filter[field];
    if (value !== undefined && (!DATE.test(value) || Number.isNaN(Date.parse(value))))
      throw new Invalid(`query.${field}`, 'Дата должна быть в формате ГГГГ-ММ-ДД');
  }
  const to = filter.to ?? today;
  const from = filter.from ?? plusDays(to, 1 - DEFAULT_DAYS);
  if (from > to) throw new Invalid('query.to', 'Конец периода раньше его начала');
  if (Date.parse(to) - Date.parse(from) > MAX_DAYS * DAY_MS)
    throw new Invalid('query.from', 'Период не может быть длиннее трёх лет');
  return { from, to };
}

export function createDashboards(deps: {
  db: Db;
  agencies: AgencyService;
  calendar: CalendarService;
  users: UserService;
}) {
  const { db, agencies, calendar, users } = deps;

  async function agencyScope(agencyId: string, period: { from?: string; to?: string }, now: Date) {
    const agency = await agencies.byId(agencyId);
    const today = localDate(now, agency.timezone);
    const { from, to } = checkPeriod(period, today);
    return {
      agency: { id: agencyId, name: agency.name, timezone: agency.timezone },
      from,
      to,
      now,
      today,
      departmentIds: null,
      channel: null,
    } satisfies Scope;
  }

  /** The filters checked against the agency and the actor's roles, as one scope. */
  async function scopeOf(actor: Actor, filter: DashboardFilter, now = new Date()): Promise<Scope> {
    const scope: Scope = await agencyScope(actor.agencyId, filter, now);
    if (filter.channel !== undefined) {
      if (!(REQUEST_CHANNELS as readonly string[]).includes(filter.channel))
        throw new Invalid('query.channel', 'Такого канала поступления нет');
      scope.channel = filter.channel;
    }
    const overseer = OVERSEERS.some((role) => actor.roles.includes(role));
    if (filter.department === 'all') return scope;
    if (filter.department !== undefined) {
      const known = await agencies.departmentIdsOf(actor.agencyId);
      if (!known.includes(filter.department))
        throw new Invalid('query.department', 'Такого подразделения в ведомстве нет');
      scope.departmentIds = [filter.department];
      return scope;
    }
    if (!overseer) {
      const own = await users.departmentIdsOf(actor.agencyId, actor.userId);
      if (own.length) scope.departmentIds = own;
    }
    return scope;
  }

  async function dashboard(actor: Actor, filter: DashboardFilter): Promise<Dashboard> {
    const scope = await scopeOf(actor, filter);
    return computeDashboard(db, scope, await calendar.forAgency(actor.agencyId));
  }

  async function drillDown(
    actor: Actor,
    filter: DashboardFilter & { bucket: DeadlineBucket; limit?: number; offset?: number },
  ) {
    const scope = await scopeOf(actor, filter);
    return requestsInBucket(db, scope, filter.bucket, {
      limit: filter.limit ?? 50,
      offset: filter.offset ?? 0,
    });
  }

  /**
   * The client-centricity index (docs/client-centricity-index.md) of the agency, of each department
   * and of each month. Departments and months differ in the components that have them: deadlines
   * and KB freshness per department, deadlines, satisfaction and missed calls per month; the rest
   * is the agency's value.
   */
  async function centricity(actor: Actor, filter: DashboardFilter): Promise<CentricityReport> {
    const scope = await scopeOf(actor, filter);
    const whole = await computeDashboard(db, scope, await calendar.forAgency(actor.agencyId));
    const agencyParts = componentsOf(whole);
    const departments = (await agencies.listDepartments(actor)).filter(
      (d) => !scope.departmentIds || scope.departmentIds.includes(d.id),
    );
    const [byDepartment, kbByDepartment, byMonth, callsByMonth] = await Promise.all([
      deadlinesBy(db, scope, 'department'),
      kbFreshnessByDepartment(db, scope),
      deadlinesBy(db, scope, 'month'),
      missedCallsByMonth(db, scope),
    ]);
    const deadlineShare = (d?: { onTime: number; extended: number; overdue: number }) => {
      const judged = d ? d.onTime + d.extended + d.overdue : 0;
      return d && judged ? (d.onTime + d.extended) / judged : null;
    };
    const months = new Set([
      ...byMonth.keys(),
      ...callsByMonth.keys(),
      ...whole.satisfaction.months.map((m) => m.key),
    ]);
    return {
      agency: centricityIndex(agencyParts),
      departments: departments.map((d) => {
        const kb = kbByDepartment.get(d.id);
        return {
          id: d.id,
          name: d.name,
          index: centricityIndex({
            ...agencyParts,
            deadlines: deadlineShare(byDepartment.get(d.id)),
            kb: kb?.sections ? 1 - kb.pastReview / kb.sections : null,
          }),
        };
      }),
      months: [...months].sort().map((month) => {
        const calls = callsByMonth.get(month);
        return {
          month,
          index: centricityIndex({
            ...agencyParts,
            deadlines: deadlineShare(byMonth.get(month)),
            satisfaction: whole.satisfaction.months.find((m) => m.key === month)?.share ?? null,
            calls: calls?.within ? 1 - calls.missed / calls.within : null,
          }),
        };
      }),
    };
  }

  /** Issue 11 p. 3: every agency on the same measures, for the region's administrator. */
  async function region(filter: { from?: string; to?: string }): Promise<RegionRow[]> {
    const now = new Date();
    const rows: RegionRow[] = [];
    for (const agencyId of await agencies.allAgencyIds()) {
      const scope = await agencyScope(agencyId, filter, now);
      const d = await computeDashboard(db, scope, await calendar.forAgency(agencyId));
      const judged = d.deadlines.onTime + d.deadlines.extended + d.deadlines.overdue;
      rows.push({
        agencyId,
        name: d.agency.name,
        requests: d.requests.total,
        onTimeShare: judged ? (d.deadlines.onTime + d.deadlines.extended) / judged : null,
        overdue: d.deadlines.overdue,
        satisfaction: d.satisfaction.share,
        missedShare: d.calls.missedShare,
        kbPastReview: d.kb.pastReview,
        siteStale: d.site.stale,
        index: centricityIndex(componentsOf(d)).value,
      });
    }
    return rows;
  }

  /** Issue 11 p. 4: the dashboard and its index as a workbook or a PDF for the chosen filters. */
  async function exportFile(actor: Actor, filter: DashboardFilter, format: 'xlsx' | 'pdf') {
    const [result, index] = await Promise.all([dashboard(actor, filter), centricity(actor, filter)]);
    const departments = await agencies.listDepartments(actor);
    const departmentNames = result.departmentIds?.map(
      (id) => departments.find((d) => d.id === id)?.name ?? id,
    );
    const input = { dashboard: result, index, departmentNames: departmentNames ?? null };
    return format === 'xlsx' ? dashboardWorkbook(input) : dashboardPdf(input);
  }

  return { dashboard, drillDown, centricity, region, exportFile };
}

export type DashboardService = ReturnType<typeof createDashboards>;
