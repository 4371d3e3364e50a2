import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { extractText } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CentricityReport,
  type Dashboard,
  RESPONSE_BINS,
  type RegionRow,
} from '../../../common/dashboard.js';
import { localDate } from '../../lib/calendar.js';
import {
  agencyWithStaff,
  createHarness,
  type Harness,
  login,
  type StaffClient,
} from '../../testing/harness.js';
import { enterSeedAnswers, SEED_ANSWERS } from '../../testing/survey-answers.js';
import { colleague, rowsOf, withSeedForm } from '../../testing/surveys.js';
import { hashPassword } from '../auth/passwords.js';
import { insertUser, replaceUserDepartments } from '../auth/repo.js';

const DAY = 86_400_000;
const TZ = 'Asia/Novosibirsk';

let harness: Harness;
let admin: StaffClient;
let agencyId: string;
let agencySlug: string;
let departments: string[];
let from: string;
let to: string;
let period: string;

const daysAgo = (days: number) => new Date(Date.now() - days * DAY);

/** One request written as the register keeps it; only what the dashboard reads varies. */
async function insertRequest(
  agency: string,
  n: number,
  r: {
    received: number;
    due: number;
    resolved?: number;
    extended?: boolean;
    status: string;
    channel: string;
    kind?: string;
    department?: string | null;
    topic?: string | null;
  },
) {
  const received = daysAgo(r.received);
  await harness.services.database.db.execute(sql`
    insert into requests (agency_id, number, kind, channel, status, text, contact_name, tracking_code,
      received_at, registered_at, due_at, due_source, extended_at, resolved_at, department_id, topic_id)
    values (${agency}, ${`Т-${n}`}, ${r.kind ?? 'appeal'}, ${r.channel}, ${r.status}, 'Вопрос', 'Заявитель',
      ${`code-${agency}-${n}`}, ${received.toISOString()}, ${received.toISOString()},
      ${daysAgo(r.due).toISOString()}, 'test',
      ${r.extended ? daysAgo(r.received - 1).toISOString() : null},
      ${r.resolved === undefined ? null : daysAgo(r.resolved).toISOString()},
      ${r.department ?? null}, ${r.topic ?? null})`);
}

async function insertCall(
  agency: string,
  c: { ago: number; within: boolean; answered: boolean; quality?: string },
) {
  await harness.services.database.db.execute(sql`
    insert into calls (agency_id, source, caller_phone, started_at, answered, within_hours, survey_quality)
    values (${agency}, 'manual', '+79130000000', ${daysAgo(c.ago).toISOString()}, ${c.answered}, ${c.within},
      ${c.quality ?? null})`);
}

async function createDepartment(staff: StaffClient, name: string) {
  const response = await staff.request({ method: 'POST', url: '/api/staff/departments', payload: { name } });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string }>().id;
}

beforeAll(async () => {
  harness = await createHarness();
  const made = await withSeedForm(harness);
  admin = made.staff;
  agencySlug = made.slug;
  agencyId = await harness.services.agencies.idBySlug(agencySlug);
  await enterSeedAnswers(admin, made.surveyId, SEED_ANSWERS);
  departments = [await createDepartment(admin, 'Отдел кадров'), await createDepartment(admin, 'Отдел сайта')];
  const [topic] = await rowsOf<{ id: string }>(
    harness,
    sql`insert into topics (agency_id, name) values (${agencyId}, 'Субсидии') returning id`,
  );
  const [d1, d2] = departments;
  // Every standing against the term, in both departments and without one, on three channels.
  const cases = [
    { received: 40, due: 10, resolved: 36, status: 'answered', channel: 'portal', department: d1 },
    { received: 35, due: 5, resolved: 30, status: 'answered', channel: 'email', department: d1 },
    { received: 30, due: 1, resolved: 3, status: 'answered', channel: 'portal', department: d2 },
    { received: 45, due: 2, resolved: 4, extended: true, status: 'closed', channel: 'phone', department: d2 },
    { received: 50, due: 20, resolved: 10, status: 'answered', channel: 'portal', department: d1 },
    { received: 25, due: 3, status: 'in_progress', channel: 'email', department: d1 },
    { received: 20, due: 2, status: 'extended', extended: true, channel: 'portal', department: null },
    { received: 5, due: -25, status: 'registered', channel: 'portal', department: d2 },
    { received: 3, due: -27, status: 'assigned', channel: 'phone', department: d1, kind: 'info_request' },
    { received: 12, due: -10, resolved: 11, status: 'refused', channel: 'email', department: d2 },
    { received: 15, due: -5, resolved: 2, status: 'answered', channel: 'portal', department: null },
    // Outside the period: must not count.
    { received: 200, due: 170, resolved: 190, status: 'answered', channel: 'portal', department: d1 },
  ];
  for (const [i, c] of cases.entries())
    await insertRequest(agencyId, i + 1, { topic: i % 3 ? null : topic?.id, ...c });
  for (const c of [
    { ago: 2, within: true, answered: true, quality: 'satisfied' },
    { ago: 3, within: true, answered: true, quality: 'satisfied' },
    { ago: 4, within: true, answered: true, quality: 'partly' },
    { ago: 5, within: true, answered: false },
    { ago: 6, within: true, answered: false },
    { ago: 7, within: true, answered: true, quality: 'unsatisfied' },
    { ago: 8, within: false, answered: false },
    { ago: 9, within: true, answered: true, quality: 'satisfied' },
    { ago: 300, within: true, answered: false },
  ])
    await insertCall(agencyId, c);
  const db = harness.services.database.db;
  await db.execute(sql`insert into kb_sections (agency_id, title, review_due_on, department_id) values
    (${agencyId}, 'Просроченный раздел кадров', ${localDate(daysAgo(10), TZ)}, ${d1}),
    (${agencyId}, 'Свежий раздел сайта', ${localDate(daysAgo(-30), TZ)}, ${d2})`);
  const [section] = await rowsOf<{ id: string }>(
    harness,
    sql`insert into site_sections (agency_id, kind, slug, title, review_due_on)
        values (${agencyId}, 'news', 'dash-news', 'Новости для проверки', ${localDate(daysAgo(-5), TZ)}) returning id`,
  );
  await db.execute(sql`insert into site_publications (agency_id, section_id, slug, title, status, review_due_on) values
    (${agencyId}, ${section?.id}, 'stale-page', 'Устаревшая страница', 'published', ${localDate(daysAgo(3), TZ)}),
    (${agencyId}, ${section?.id}, 'draft-page', 'Черновик', 'draft', ${localDate(daysAgo(3), TZ)})`);
  await db.execute(sql`insert into kb_proposals (agency_id, department_id, fingerprint, title, terms, sample_text, size, status)
    values (${agencyId}, ${d1}, 'a', 'Субсидии фермерам', '{субсидия}', 'Как получить субсидию?', 7, 'open'),
           (${agencyId}, ${d2}, 'b', 'Часы приёма', '{приём}', 'Когда приём?', 4, 'open'),
           (${agencyId}, ${d2}, 'c', 'Уже решено', '{решено}', 'Решено', 9, 'rejected')`);
  to = localDate(new Date(), TZ);
  from = localDate(daysAgo(60), TZ);
  period = `from=${from}&to=${to}`;
  // A migrated database and seeded answers: slow on a loaded machine.
}, 180_000);
afterAll(() => harness.close());

const dashboardOf = async (staff: StaffClient, query: string) => {
  const response = await staff.request({ method: 'GET', url: `/api/staff/dashboard?${query}` });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<Dashboard>();
};

/** The period's requests as the test reads them itself, narrowed by an extra condition. */
const inPeriod = (extra = sql``) => sql`agency_id = ${agencyId}
  and received_at >= (${from}::date::timestamp at time zone ${TZ})
  and received_at < ((${to}::date + 1)::timestamp at time zone ${TZ}) ${extra}`;

describe('agency dashboard', () => {
  it('counts requests by channel, kind, status and topic as SQL does', async () => {
    const result = await dashboardOf(admin, period);
    for (const [column, rows] of [
      ['channel', result.requests.byChannel],
      ['kind', result.requests.byKind],
      ['status', result.requests.byStatus],
      ["coalesce(topic_id::text, '')", result.requests.byTopic],
    ] as const) {
      const expected = await rowsOf<{ key: string; n: number }>(
        harness,
        sql`select ${sql.raw(column)} as key, count(*)::int as n from requests where ${inPeriod()} group by 1`,
      );
      expect(Object.fromEntries(rows.map((r) => [r.key, r.count]))).toEqual(
        Object.fromEntries(expected.map((r) => [r.key, r.n])),
      );
    }
    expect(result.requests.total).toBe(11);
    expect(result.requests.byTopic.find((t) => t.label === 'Субсидии')?.count).toBe(4);
  });

  it('tells deadline compliance as SQL over the terms does, and drills down to those requests', async () => {
    const result = await dashboardOf(admin, period);
    const [expected] = await rowsOf<Record<string, number>>(
      harness,
      sql`select
        count(*) filter (where resolved_at <= due_at and extended_at is null)::int as "onTime",
        count(*) filter (where resolved_at <= due_at and extended_at is not null)::int as extended,
        count(*) filter (where resolved_at > due_at or (resolved_at is null and due_at < now()))::int as overdue,
        count(*) filter (where resolved_at is null and due_at >= now())::int as open,
        count(*)::int as total
      from requests where ${inPeriod()}`,
    );
    expect(result.deadlines).toEqual(expected);
    expect(result.deadlines).toEqual({ onTime: 5, extended: 1, overdue: 3, open: 2, total: 11 });

    const drill = await admin.request({
      method: 'GET',
      url: `/api/staff/dashboard/requests?${period}&bucket=overdue`,
    });
    expect(drill.statusCode, drill.body).toBe(200);
    const overdue = await rowsOf<{ id: string }>(
      harness,
      sql`select id from requests where ${inPeriod(sql`and (resolved_at > due_at or (resolved_at is null and due_at < now()))`)}`,
    );
    const body = drill.json<{ total: number; items: { id: string }[] }>();
    expect(body.total).toBe(3);
    expect(body.items.map((i) => i.id).sort()).toEqual(overdue.map((o) => o.id).sort());
  });

  it('bins response times in working days of the agency calendar', async () => {
    const result = await dashboardOf(admin, period);
    const calendar = await harness.services.calendar.forAgency(agencyId);
    const resolved = await rowsOf<{ start: string; end: string }>(
      harness,
      sql`select coalesce(registered_at, received_at) as start, resolved_at as end
          from requests where ${inPeriod(sql`and resolved_at is not null`)}`,
    );
    const days = resolved.map((r) =>
      calendar.workingDaysBetween(localDate(new Date(r.start), TZ), localDate(new Date(r.end), TZ)),
    );
    expect(result.responseTime.answered).toBe(7);
    expect(result.responseTime.bins.map((b) => b.count)).toEqual(
      RESPONSE_BINS.map(
        (bin) => days.filter((d) => d >= bin.min && (bin.max === null || d <= bin.max)).length,
      ),
    );
  });

  it('counts missed calls in working hours and CSAT by channel and month', async () => {
    const result = await dashboardOf(admin, period);
    expect(result.calls).toEqual({ withinHours: 7, missed: 2, missedShare: 2 / 7 });
    const [survey] = await rowsOf<{ n: number; satisfied: number }>(
      harness,
      sql`select count(*)::int as n,
            count(*) filter (where answers->'satisfaction'->>'choice' = '1')::int as satisfied
          from survey_responses r join surveys s on s.id = r.survey_id
          where r.agency_id = ${agencyId} and s.slug = 'informatsiya'`,
    );
    const [calls] = await rowsOf<{ n: number; satisfied: number }>(
      harness,
      sql`select count(*)::int as n, count(*) filter (where survey_quality = 'satisfied')::int as satisfied
          from calls where agency_id = ${agencyId} and survey_quality is not null`,
    );
    const answered = (survey?.n ?? 0) + (calls?.n ?? 0);
    const satisfied = (survey?.satisfied ?? 0) + (calls?.satisfied ?? 0);
    expect(result.satisfaction).toMatchObject({ answered, satisfied, share: satisfied / answered });
    expect(answered).toBe(SEED_ANSWERS.length + 5);
    const cell = (key: string) => result.satisfaction.byChannel.find((c) => c.key === key);
    expect(cell('phone')).toMatchObject({ answered: 9, satisfied: 5, hidden: false });
    // Three paper answers: too few to tell (k-anonymity, seed 002 p. 3.3).
    expect(cell('paper')).toEqual({ key: 'paper', answered: 3, satisfied: null, share: null, hidden: true });
    expect(cell('consult_line')).toMatchObject({ answered: 5, satisfied: 3, share: 3 / 5 });
    const [mean] = await rowsOf<{ mean: number }>(
      harness,
      sql`select avg(e.value::text::numeric)::float8 as mean from survey_responses r, jsonb_each(r.answers->'ease') e
          where r.agency_id = ${agencyId}`,
    );
    expect(result.satisfaction.meanRating).toBeCloseTo(mean?.mean ?? 0, 10);
    expect(result.satisfaction.months.reduce((sum, m) => sum + m.answered, 0)).toBe(answered);
  });

  it('lists KB sections past review, stale site pages and questions without an article', async () => {
    const result = await dashboardOf(admin, period);
    const [kb] = await rowsOf<{ n: number; past: number }>(
      harness,
      sql`select count(*)::int as n, count(*) filter (where review_due_on < ${to}::date)::int as past
          from kb_sections where agency_id = ${agencyId}`,
    );
    expect(result.kb).toMatchObject({ sections: kb?.n, pastReview: kb?.past });
    expect(result.kb.items.map((i) => i.title)).toContain('Просроченный раздел кадров');
    expect(result.kb.items.map((i) => i.title)).not.toContain('Свежий раздел сайта');
    const [site] = await rowsOf<{ n: number; past: number }>(
      harness,
      sql`select count(*)::int as n, count(*) filter (where review_due_on < ${to}::date)::int as past from (
            select review_due_on from site_sections where agency_id = ${agencyId}
            union all select review_due_on from site_publications where agency_id = ${agencyId} and status = 'published') x`,
    );
    expect(result.site).toMatchObject({ pages: site?.n, stale: site?.past });
    expect(result.site.items.map((i) => i.title)).toContain('Устаревшая страница');
    expect(result.site.items.map((i) => i.title)).not.toContain('Черновик');
    expect(result.kbGaps.map((g) => [g.title, g.size])).toEqual([
      ['Субсидии фермерам', 7],
      ['Часы приёма', 4],
    ]);
  });

  it('narrows to a department and a channel', async () => {
    const [d1] = departments;
    const result = await dashboardOf(admin, `${period}&department=${d1}&channel=portal`);
    const [expected] = await rowsOf<{ n: number }>(
      harness,
      sql`select count(*)::int as n from requests where ${inPeriod(sql`and department_id = ${d1} and channel = 'portal'`)}`,
    );
    expect(result.requests.total).toBe(expected?.n);
    expect(result.requests.total).toBe(2);
    expect(result.departmentIds).toEqual([d1]);
    expect(result.kb.sections).toBe(1);
    expect(result.kbGaps.map((g) => g.title)).toEqual(['Субсидии фермерам']);
  });

  it('shows a head their own departments by default and the agency on request', async () => {
    const head = await colleague(harness, agencySlug, ['head']);
    const [, d2] = departments;
    await replaceUserDepartments(harness.services.database.db, agencyId, head.info.user.id, [d2 as string]);
    const own = await dashboardOf(head, period);
    expect(own.departmentIds).toEqual([d2]);
    const [expected] = await rowsOf<{ n: number }>(
      harness,
      sql`select count(*)::int as n from requests where ${inPeriod(sql`and department_id = ${d2}`)}`,
    );
    expect(own.requests.total).toBe(expected?.n);
    const all = await dashboardOf(head, `${period}&department=all`);
    expect(all.departmentIds).toBeNull();
    expect(all.requests.total).toBe(11);
  });

  it('is for admins, heads and analysts only', async () => {
    const analyst = await colleague(harness, agencySlug, ['analyst']);
    expect((await dashboardOf(analyst, period)).requests.total).toBe(11);
    for (const roles of [['operator'], ['kb_editor'], ['call_operator']] as const) {
      const other = await colleague(harness, agencySlug, [...roles]);
      for (const url of [
        '/api/staff/dashboard',
        '/api/staff/dashboard/index',
        '/api/staff/dashboard/requests?bucket=open',
      ]) {
        const response = await other.request({ method: 'GET', url });
        expect(response.statusCode, `${roles[0]} ${url}`).toBe(403);
      }
    }
    expect((await harness.app.inject({ method: 'GET', url: '/api/staff/dashboard' })).statusCode).toBe(401);
  });

  it("never shows another agency's data to its staff", async () => {
    const other = await agencyWithStaff(harness, ['admin']);
    const theirs = await dashboardOf(other.staff, period);
    expect(theirs.requests.total).toBe(0);
    expect(theirs.deadlines.total).toBe(0);
    expect(theirs.calls.withinHours).toBe(0);
    expect(theirs.satisfaction.answered).toBe(0);
    expect(theirs.kbGaps).toEqual([]);
    expect(JSON.stringify(theirs)).not.toContain('Устаревшая страница');
    const drill = await other.staff.request({
      method: 'GET',
      url: `/api/staff/dashboard/requests?${period}&bucket=overdue`,
    });
    expect(drill.json()).toEqual({ total: 0, items: [] });
    const foreign = await other.staff.request({
      method: 'GET',
      url: `/api/staff/dashboard?department=${departments[0]}`,
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json()).toMatchObject({ field: 'query.department' });
  });

  it('answers a bad filter with 400, a Russian message and the field', async () => {
    for (const [query, field] of [
      ['from=2026-13-01', 'query.from'],
      ['to=26.11.2026', 'query.to'],
      ['from=2026-05-01&to=2026-04-01', 'query.to'],
      ['from=2020-01-01&to=2026-01-01', 'query.from'],
      ['channel=fax', 'query.channel'],
      ['department=00000000-0000-4000-8000-000000000000', 'query.department'],
      ['department=не-uuid', 'query.department'],
    ] as const) {
      const response = await admin.request({
        method: 'GET',
        url: `/api/staff/dashboard?${encodeURI(query)}`,
      });
      expect(response.statusCode, query).toBe(400);
      const body = response.json<{ message: string; field: string }>();
      expect(body.field, query).toBe(field);
      expect(body.message, query).toMatch(/[а-яё]/i);
    }
    const wrongBucket = await admin.request({
      method: 'GET',
      url: '/api/staff/dashboard/requests?bucket=late',
    });
    expect(wrongBucket.statusCode).toBe(400);
    expect(wrongBucket.json()).toMatchObject({ field: 'query.bucket' });
  });
});

describe('client-centricity index', () => {
  it('combines the dashboard components with the documented weights', async () => {
    const d = await dashboardOf(admin, period);
    const response = await admin.request({ method: 'GET', url: `/api/staff/dashboard/index?${period}` });
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json<CentricityReport>();
    // By hand, from the numbers the other tests pin against SQL.
    const deadlines = 6 / 9;
    const satisfaction = (6 + 3) / (12 + 5);
    const calls = 1 - 2 / 7;
    const kb = 1 - d.kb.pastReview / d.kb.sections;
    const site = 1 - d.site.stale / d.site.pages;
    expect(report.agency.value).toBeCloseTo(
      (0.3 * deadlines + 0.3 * satisfaction + 0.15 * calls + 0.125 * kb + 0.125 * site) * 100,
      10,
    );
    const lost = report.agency.parts.map((p) => p.lostPoints);
    expect(lost).toEqual([...lost].sort((x, y) => y - x));
    expect(report.agency.parts[0]?.component).toBe('satisfaction');

    // A department: its own deadlines and KB sections, the agency's other components.
    const [d1] = departments;
    const first = report.departments.find((x) => x.id === d1);
    expect(first?.index.parts.find((p) => p.component === 'kb')?.value).toBe(0);
    // Two answered on time, one answered late, one open past its term (the open one in term is not judged).
    expect(first?.index.parts.find((p) => p.component === 'deadlines')?.value).toBe(2 / 4);
    expect(first?.index.parts.find((p) => p.component === 'satisfaction')?.value).toBe(satisfaction);
    // This month has the twelve survey answers (the calls of the seeds may fall in the month before).
    const thisMonth = report.months.find((m) => m.month === to.slice(0, 7));
    const monthCsat = d.satisfaction.months.find((m) => m.key === to.slice(0, 7));
    expect(thisMonth?.index.parts.find((p) => p.component === 'satisfaction')?.value).toBe(monthCsat?.share);
    expect(report.months.map((m) => m.month)).toEqual([...report.months.map((m) => m.month)].sort());
  });
});

describe('region view', () => {
  it('puts every agency side by side for the region administrator only', async () => {
    const db = harness.services.database.db;
    const email = `region-${Date.now()}@test.local`;
    await insertUser(db, {
      email,
      name: 'Администратор региона',
      passwordHash: await hashPassword('correct horse battery'),
      isRegionAdmin: true,
    });
    const regionAdmin = await login(harness, email, 'correct horse battery');
    const response = await regionAdmin.request({
      method: 'GET',
      url: `/api/staff/region/dashboard?${period}`,
    });
    expect(response.statusCode, response.body).toBe(200);
    const rows = response.json<RegionRow[]>();
    const ours = rows.find((r) => r.agencyId === agencyId);
    const d = await dashboardOf(admin, `${period}&department=all`);
    expect(ours).toMatchObject({
      requests: 11,
      overdue: 3,
      onTimeShare: 6 / 9,
      satisfaction: d.satisfaction.share,
      missedShare: 2 / 7,
      kbPastReview: d.kb.pastReview,
      siteStale: d.site.stale,
    });
    expect(rows.length).toBe((await harness.services.agencies.allAgencyIds()).length);
    const denied = await admin.request({ method: 'GET', url: '/api/staff/region/dashboard' });
    expect(denied.statusCode).toBe(403);
  });
});

describe('export', () => {
  const download = async (query: string) => {
    const response = await admin.request({ method: 'GET', url: `/api/staff/dashboard/export?${query}` });
    expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
    return response.rawPayload;
  };

  it('writes a workbook with the dashboard numbers for the chosen filters', async () => {
    const [d1] = departments;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      (await download(`${period}&department=${d1}&format=xlsx`)) as unknown as ArrayBuffer,
    );
    const rows = (workbook.getWorksheet('Мониторинг')?.getSheetValues() ?? [])
      .filter(Boolean)
      .map((row) => (row as unknown[]).slice(1));
    expect(rows[2]).toEqual([`Период: ${from} — ${to}`]);
    expect(rows[3]).toEqual(['Подразделения: Отдел кадров']);
    const d = await dashboardOf(admin, `${period}&department=${d1}`);
    expect(rows).toContainEqual(['Всего обращений', d.deadlines.total]);
    expect(rows).toContainEqual(['Ответ в срок', d.deadlines.onTime]);
    expect(rows).toContainEqual(['Срок нарушен', d.deadlines.overdue]);
    expect(rows).toContainEqual(['Звонков в рабочее время', 7]);
    expect(rows).toContainEqual(['Доля пропущенных', '28,6 %']);
    expect(rows).toContainEqual(['Субсидии фермерам', 7]);
  });

  it('writes a PDF with the same numbers', async () => {
    const pdf = await download(`${period}&format=pdf`);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const { text } = await extractText(new Uint8Array(pdf), { mergePages: true });
    const d = await dashboardOf(admin, period);
    const index = (
      await admin.request({ method: 'GET', url: `/api/staff/dashboard/index?${period}` })
    ).json<CentricityReport>();
    expect(text).toContain(`Период: ${from} — ${to}`);
    expect(text).toMatch(new RegExp(`Ответ в срок\\s+${d.deadlines.onTime}`));
    expect(text).toMatch(new RegExp(`Срок нарушен\\s+${d.deadlines.overdue}`));
    expect(text).toMatch(/Доля пропущенных\s+28,6 %/);
    expect(text).toContain(`Индекс ${(index.agency.value ?? 0).toFixed(1).replace('.', ',')}`);
  });
});
