import { type SQL, sql } from 'drizzle-orm';
import {
  type CountRow,
  type Dashboard,
  DEADLINE_BUCKETS,
  type DeadlineBucket,
  RESPONSE_BINS,
} from '../../../common/dashboard.js';
import type { Executor } from '../../db/client.js';
import type { ProductionCalendar } from '../../lib/calendar.js';
import { channelTitle } from '../history/pdf.js';
import { KIND_TITLES } from '../history/sources.js';
import { STATUS_TITLES } from '../requests/lifecycle.js';
import { satisfaction } from './satisfaction.repo.js';
import { periodSql, rowsOf, type Scope, share, sumOf } from './scope.js';

const ITEMS_SHOWN = 20;
const GAPS_SHOWN = 10;

/** The requests of the scope: received in the period, of the departments and channel chosen. */
export function requestScope(scope: Scope, alias = 'r') {
  const a = sql.raw(alias);
  const parts = [sql`${a}.agency_id = ${scope.agency.id}`, periodSql(sql`${a}.received_at`, scope)];
  if (scope.departmentIds)
    parts.push(
      scope.departmentIds.length
        ? sql`${a}.department_id in (${sql.join(
            scope.departmentIds.map((id) => sql`${id}::uuid`),
            sql`, `,
          )})`
        : sql`false`,
    );
  if (scope.channel) parts.push(sql`${a}.channel = ${scope.channel}`);
  return sql.join(parts, sql` and `);
}

/**
 * A request's standing against its term, now: answered (or otherwise resolved) by the term —
 * the first or the extended one — or after it; still open and past the term; open within it.
 */
export function bucketSql(scope: Scope, alias = 'r') {
  const a = sql.raw(alias);
  return sql`case
    when ${a}.resolved_at is not null then case
      when ${a}.resolved_at > ${a}.due_at then 'overdue'
      when ${a}.extended_at is not null then 'extended'
      else 'onTime' end
    when ${a}.due_at < ${scope.now.toISOString()}::timestamptz then 'overdue'
    else 'open' end`;
}

/**
 * Working days passed by each date since the day before `from`, as two parallel arrays for SQL:
 * the difference of two dates' counts is the working days between them, as the calendar says.
 */
function workingDayCounts(calendar: ProductionCalendar, from: string, to: string) {
  const dates: string[] = [];
  const counts: number[] = [];
  let count = 0;
  for (let d = new Date(`${from}T00:00:00Z`); ; d = new Date(d.getTime() + 86_400_000)) {
    const date = d.toISOString().slice(0, 10);
    if (date > to) break;
    if (calendar.isWorkingDay(date)) count++;
    dates.push(date);
    counts.push(count);
  }
  return { dates: dates.join(','), counts: counts.join(',') };
}

async function requestMeasures(db: Executor, scope: Scope, topicNames: Map<string, string>) {
  const grouped = await rowsOf<{
    g: number;
    channel: string | null;
    kind: string | null;
    status: string | null;
    topic: string | null;
    bucket: DeadlineBucket | null;
    n: number;
  }>(
    db,
    sql`select grouping(channel, kind, status, topic, bucket)::int as g, channel, kind, status, topic, bucket,
          count(*)::int as n
        from (select r.channel, r.kind, r.status, r.topic_id::text as topic, ${bucketSql(scope)} as bucket
              from requests r where ${requestScope(scope)}) scoped
        group by grouping sets ((channel), (kind), (status), (topic), (bucket))`,
  );
  // grouping() sets a bit for each column left out, the first column being the highest bit.
  const only = (bit: number) => grouped.filter((row) => row.g === 0b11111 - bit);
  const counted = (rows: typeof grouped, keyOf: (r: (typeof grouped)[number]) => string | null) =>
    rows.map((r) => ({ key: keyOf(r) ?? '', n: r.n })).sort((x, y) => y.n - x.n);
  const label = (rows: { key: string; n: number }[], title: (key: string) => string): CountRow[] =>
    rows.map((r) => ({ key: r.key, label: title(r.key), count: r.n }));
  const byChannel = counted(only(0b10000), (r) => r.channel);
  const buckets = only(0b00001);
  const deadlines = Object.fromEntries(
    DEADLINE_BUCKETS.map((b) => [b, buckets.find((r) => r.bucket === b)?.n ?? 0]),
  ) as Record<DeadlineBucket, number>;
  return {
    requests: {
      total: sumOf(byChannel),
      byChannel: label(byChannel, channelTitle),
      byKind: label(
        counted(only(0b01000), (r) => r.kind),
        (k) => KIND_TITLES[k] ?? k,
      ),
      byStatus: label(
        counted(only(0b00100), (r) => r.status),
        (s) => STATUS_TITLES[s as keyof typeof STATUS_TITLES] ?? s,
      ),
      byTopic: label(
        counted(only(0b00010), (r) => r.topic),
        (t) => (t ? (topicNames.get(t) ?? t) : 'Без темы'),
      ),
    },
    deadlines: { ...deadlines, total: sumOf(byChannel) },
  };
}

/** Working days from registration (or receipt) to the outcome, of the requests resolved so far. */
async function responseTime(db: Executor, scope: Scope, calendar: ProductionCalendar) {
  const last = scope.today > scope.to ? scope.today : scope.to;
  const { dates, counts } = workingDayCounts(calendar, scope.from, last);
  const tz = scope.agency.timezone;
  const rows = await rowsOf<{ days: number; n: number }>(
    db,
    sql`with wd as (select unnest(string_to_array(${dates}, ',')::date[]) as d,
                           unnest(string_to_array(${counts}, ',')::int[]) as n)
        select (e.n - s.n)::int as days, count(*)::int as n
        from requests r
        join wd s on s.d = (coalesce(r.registered_at, r.received_at) at time zone ${tz})::date
        join wd e on e.d = (r.resolved_at at time zone ${tz})::date
        where ${requestScope(scope)} and r.resolved_at is not null
        group by 1`,
  );
  const bins = RESPONSE_BINS.map((bin) => ({
    key: bin.key,
    label: bin.key,
    count: sumOf(rows.filter((r) => r.days >= bin.min && (bin.max === null || r.days <= bin.max))),
  }));
  return { answered: sumOf(rows), bins };
}

/** Seed 003 p. 27.2: calls in working hours left without an answer. */
async function missedCalls(db: Executor, scope: Scope) {
  const [row] = await rowsOf<{ within: number; missed: number }>(
    db,
    sql`select count(*)::int as within, count(*) filter (where not c.answered)::int as missed
        from calls c where c.agency_id = ${scope.agency.id} and c.within_hours
          and ${periodSql(sql`c.started_at`, scope)}`,
  );
  const within = row?.within ?? 0;
  const missed = row?.missed ?? 0;
  return { withinHours: within, missed, missedShare: share(missed, within) };
}

const departmentFilter = (scope: Scope, column: SQL) =>
  scope.departmentIds
    ? scope.departmentIds.length
      ? sql`and ${column} in (${sql.join(
          scope.departmentIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`
      : sql`and false`
    : sql``;

/** Seed 003 p. 41: sections not reviewed by their due date (the KB freshness rule). */
async function kbFreshness(db: Executor, scope: Scope) {
  const rows = await rowsOf<{ id: string; title: string; review_due_on: string; past: boolean }>(
    db,
    sql`select s.id, s.title, s.review_due_on::text as review_due_on, s.review_due_on < ${scope.today}::date as past
        from kb_sections s where s.agency_id = ${scope.agency.id} ${departmentFilter(scope, sql`s.department_id`)}
        order by s.review_due_on, s.title`,
  );
  const past = rows.filter((r) => r.past);
  return {
    sections: rows.length,
    pastReview: past.length,
    items: past
      .slice(0, ITEMS_SHOWN)
      .map((r) => ({ id: r.id, title: r.title, reviewDueOn: r.review_due_on })),
  };
}

/** Seed 000 p. 7.1: site sections and published pages whose accuracy check is overdue. */
async function siteAccuracy(db: Executor, scope: Scope) {
  const rows = await rowsOf<{ id: string; title: string; review_due_on: string; past: boolean }>(
    db,
    sql`select id, title, review_due_on::text as review_due_on, review_due_on < ${scope.today}::date as past
        from (select s.id, s.title, s.review_due_on from site_sections s where s.agency_id = ${scope.agency.id}
              union all
              select p.id, p.title, p.review_due_on from site_publications p
              where p.agency_id = ${scope.agency.id} and p.status = 'published') pages
        order by review_due_on, title`,
  );
  const past = rows.filter((r) => r.past);
  return {
    pages: rows.length,
    stale: past.length,
    items: past
      .slice(0, ITEMS_SHOWN)
      .map((r) => ({ id: r.id, title: r.title, reviewDueOn: r.review_due_on })),
  };
}

/** Seed 003 p. 41: the questions that keep coming without an article, largest first. */
function kbGaps(db: Executor, scope: Scope) {
  return rowsOf<{ id: string; title: string; size: number }>(
    db,
    sql`select p.id, p.title, p.size from kb_proposals p
        where p.agency_id = ${scope.agency.id} and p.status = 'open' ${departmentFilter(scope, sql`p.department_id`)}
        order by p.size desc, p.created_at limit ${GAPS_SHOWN}`,
  );
}

export async function computeDashboard(
  db: Executor,
  scope: Scope,
  calendar: ProductionCalendar,
): Promise<Dashboard> {
  const topics = await rowsOf<{ id: string; name: string }>(
    db,
    sql`select id::text, name from topics where agency_id = ${scope.agency.id}`,
  );
  const topicNames = new Map(topics.map((t) => [t.id, t.name]));
  // Independent reads: on Postgres each takes a pooled connection of its own.
  const [measures, times, calls, satisfied, kb, site, gaps] = await Promise.all([
    requestMeasures(db, scope, topicNames),
    responseTime(db, scope, calendar),
    missedCalls(db, scope),
    satisfaction(db, scope),
    kbFreshness(db, scope),
    siteAccuracy(db, scope),
    kbGaps(db, scope),
  ]);
  return {
    agency: { id: scope.agency.id, name: scope.agency.name },
    from: scope.from,
    to: scope.to,
    departmentIds: scope.departmentIds,
    channel: scope.channel,
    requests: measures.requests,
    deadlines: measures.deadlines,
    responseTime: times,
    calls,
    satisfaction: satisfied,
    kb,
    site,
    kbGaps: gaps,
  };
}

type DeadlineCounts = Record<DeadlineBucket, number>;
const emptyDeadlines = (): DeadlineCounts => ({ onTime: 0, extended: 0, overdue: 0, open: 0 });

/** Deadline standing per department or per month of receipt, for the index's breakdowns. */
export async function deadlinesBy(db: Executor, scope: Scope, by: 'department' | 'month') {
  const key =
    by === 'department'
      ? sql`r.department_id::text`
      : sql`to_char(r.received_at at time zone ${scope.agency.timezone}, 'YYYY-MM')`;
  const rows = await rowsOf<{ key: string | null; bucket: DeadlineBucket; n: number }>(
    db,
    sql`select ${key} as key, ${bucketSql(scope)} as bucket, count(*)::int as n
        from requests r where ${requestScope(scope)} group by 1, 2`,
  );
  const result = new Map<string, DeadlineCounts>();
  for (const row of rows) {
    if (row.key === null) continue;
    const counts = result.get(row.key) ?? emptyDeadlines();
    counts[row.bucket] += row.n;
    result.set(row.key, counts);
  }
  return result;
}

/** KB sections and those past review, per owning department. */
export async function kbFreshnessByDepartment(db: Executor, scope: Scope) {
  const rows = await rowsOf<{ department_id: string; sections: number; past: number }>(
    db,
    sql`select s.department_id::text as department_id, count(*)::int as sections,
          count(*) filter (where s.review_due_on < ${scope.today}::date)::int as past
        from kb_sections s where s.agency_id = ${scope.agency.id} and s.department_id is not null
        group by 1`,
  );
  return new Map(rows.map((r) => [r.department_id, { sections: r.sections, pastReview: r.past }]));
}

/** Working-hours calls and the missed ones per month of the period. */
export async function missedCallsByMonth(db: Executor, scope: Scope) {
  const rows = await rowsOf<{ month: string; within: number; missed: number }>(
    db,
    sql`select to_char(c.started_at at time zone ${scope.agency.timezone}, 'YYYY-MM') as month,
          count(*)::int as within, count(*) filter (where not c.answered)::int as missed
        from calls c where c.agency_id = ${scope.agency.id} and c.within_hours
          and ${periodSql(sql`c.started_at`, scope)}
        group by 1`,
  );
  return new Map(rows.map((r) => [r.month, { within: r.within, missed: r.missed }]));
}

/** The requests of one deadline bucket, for the drill-down from the chart. */
export async function requestsInBucket(
  db: Executor,
  scope: Scope,
  bucket: DeadlineBucket,
  page: { limit: number; offset: number },
) {
  const inBucket = sql`${requestScope(scope)} and ${bucketSql(scope)} = ${bucket}`;
  const [{ total = 0 } = {}] = await rowsOf<{ total: number }>(
    db,
    sql`select count(*)::int as total from requests r where ${inBucket}`,
  );
  const items = await rowsOf<{
    id: string;
    number: string;
    kind: string;
    channel: string;
    status: string;
    received_at: Date | string;
    due_at: Date | string;
    resolved_at: Date | string | null;
    department_id: string | null;
  }>(
    db,
    sql`select r.id, r.number, r.kind, r.channel, r.status, r.received_at, r.due_at, r.resolved_at, r.department_id
        from requests r where ${inBucket} order by r.due_at, r.number limit ${page.limit} offset ${page.offset}`,
  );
  const iso = (value: Date | string) => new Date(value).toISOString();
  return {
    total,
    items: items.map((r) => ({
      id: r.id,
      number: r.number,
      kind: r.kind,
      channel: r.channel,
      status: r.status,
      receivedAt: iso(r.received_at),
      dueAt: iso(r.due_at),
      resolvedAt: r.resolved_at === null ? null : iso(r.resolved_at),
      departmentId: r.department_id,
    })),
  };
}
