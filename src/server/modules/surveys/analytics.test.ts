import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SurveyAnalytics } from '../../../common/survey-analytics.js';
import { agencyWithStaff, createHarness, type Harness, type StaffClient } from '../../testing/harness.js';
import { enterSeedAnswers, SEED_ANSWERS } from '../../testing/survey-answers.js';
import { colleague, rowsOf, withSeedForm } from '../../testing/surveys.js';

let harness: Harness;
let analyst: StaffClient;
let id: string;
let agencySlug: string;

beforeAll(async () => {
  harness = await createHarness();
  const made = await withSeedForm(harness);
  id = made.surveyId;
  agencySlug = made.slug;
  await enterSeedAnswers(made.staff, id, SEED_ANSWERS);
  analyst = await colleague(harness, made.slug, ['analyst']);
});
afterAll(() => harness.close());

const analyticsOf = async (query = '') => {
  const response = await analyst.request({
    method: 'GET',
    url: `/api/staff/surveys/${id}/analytics${query}`,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<SurveyAnalytics>();
};

describe('survey analytics', () => {
  it('equals what plain SQL over the stored answers computes', async () => {
    const result = await analyticsOf();
    const [expected] = await rowsOf<{ total: number; satisfied: number; mean: number; siteMean: number }>(
      harness,
      sql`select count(*)::int as total,
            count(*) filter (where answers->'satisfaction'->>'choice' = '1')::int as satisfied,
            (select avg(e.value::text::numeric)::float8 from survey_responses r2, jsonb_each(r2.answers->'ease') e
              where r2.survey_id = ${id}) as mean,
            avg((answers->'ease'->>'site')::numeric)::float8 as "siteMean"
          from survey_responses where survey_id = ${id}`,
    );
    expect(result.total).toBe(expected?.total);
    expect(result.total).toBe(SEED_ANSWERS.length);
    expect(result.satisfaction).toMatchObject({ satisfied: expected?.satisfied, answered: expected?.total });
    expect(result.satisfaction?.share).toBeCloseTo((expected?.satisfied ?? 0) / (expected?.total ?? 1), 10);
    expect(result.meanRating).toBeCloseTo(expected?.mean ?? 0, 10);
    const ease = result.distributions.find((d) => d.question === 'ease');
    expect(ease?.rows.find((r) => r.key === 'site')?.mean).toBeCloseTo(expected?.siteMean ?? 0, 10);
    expect(ease?.rows.find((r) => r.key === 'site')?.code).toBe('23.1');
    const sources = result.distributions.find((d) => d.question === 'sources');
    expect(sources?.rows.find((r) => r.key === 'vk')?.cells.map((c) => c.count)).toEqual([0, 6, 6]);
  });

  it('hides every breakdown cell of fewer than five answers, server-side', async () => {
    const result = await analyticsOf();
    const municipalities = result.breakdowns.find((b) => b.dimension === 'municipality');
    expect(municipalities?.cells.find((c) => c.key === '1')).toMatchObject({
      count: 8,
      satisfiedShare: 5 / 8,
      hidden: false,
    });
    expect(municipalities?.cells.find((c) => c.key === '2')).toEqual({
      key: '2',
      label: 'Барабинский район',
      count: null,
      satisfiedShare: null,
      hidden: true,
    });
    const channels = result.breakdowns.find((b) => b.dimension === 'channel');
    expect(channels?.cells.find((c) => c.key === 'paper')).toMatchObject({ count: null, hidden: true });
    expect(channels?.cells.find((c) => c.key === 'phone')).toMatchObject({ count: 9, satisfiedShare: 5 / 9 });
    // Municipality is told only as this breakdown, never as a plain distribution beside it.
    expect(result.distributions.map((d) => d.question)).not.toContain('municipality');
    // Filtering down to the small group reveals nothing either.
    const small = await analyticsOf('?municipality=2');
    expect(small).toMatchObject({ total: 4, hidden: true, satisfaction: null, breakdowns: [] });
  });

  it('groups the follow-up texts by theme and filters by period and municipality', async () => {
    const result = await analyticsOf();
    const themes = result.themes.find((t) => t.question === 'notFound');
    expect(themes?.answered).toBe(7);
    expect(themes?.groups).toHaveLength(1);
    expect(themes?.groups[0]?.count).toBe(7);
    expect(themes?.groups[0]?.words.join(' ')).toMatch(/субсид/);
    const month = new Date().toISOString().slice(0, 7);
    expect(result.months).toEqual([
      { key: month, label: month, count: 12, satisfiedShare: 6 / 12, hidden: false },
    ]);
    expect((await analyticsOf('?municipality=1')).total).toBe(8);
    expect((await analyticsOf('?channel=phone')).total).toBe(9);
    expect((await analyticsOf('?from=2000-01-01&to=2000-12-31')).total).toBe(0);
  });

  it('rejects a malformed period with a field', async () => {
    const bad = await analyst.request({
      method: 'GET',
      url: `/api/staff/surveys/${id}/analytics?from=31.12.2025`,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ field: 'querystring.from' });
    const reversed = await analyst.request({
      method: 'GET',
      url: `/api/staff/surveys/${id}/analytics?from=2025-02-01&to=2025-01-01`,
    });
    expect(reversed.json()).toMatchObject({ field: 'querystring.to' });
  });

  it('is closed to operators and to another agency, even its analysts', async () => {
    const operator = await colleague(harness, agencySlug, ['operator']);
    for (const url of [`analytics`, `report?format=pdf`, `export?format=csv`]) {
      const asOperator = await operator.request({ method: 'GET', url: `/api/staff/surveys/${id}/${url}` });
      expect(asOperator.statusCode).toBe(403);
    }
    const other = await agencyWithStaff(harness, ['analyst', 'admin']);
    for (const url of [`analytics`, `report?format=xlsx`, `export?format=xlsx`]) {
      const asOther = await other.staff.request({ method: 'GET', url: `/api/staff/surveys/${id}/${url}` });
      expect(asOther.statusCode, url).toBe(404);
    }
  });

  it('the backfill of migration 0022 flattens answers exactly as the server writes them', async () => {
    const snapshot = sql`select response_id::text, question, row, value, channel from survey_answer_values
      where survey_id = ${id} order by 1, 2, 3, 4`;
    const written = await rowsOf<Record<string, string>>(harness, snapshot);
    expect(written.length).toBeGreaterThan(SEED_ANSWERS.length * 5);
    const migration = readFileSync(
      join(process.cwd(), 'migrations', '0023_survey_answer_values.sql'),
      'utf8',
    );
    const backfill = migration.slice(migration.indexOf('INSERT INTO'));
    const db = harness.services.database.db;
    await db.execute(sql`delete from survey_answer_values where survey_id = ${id}`);
    await db.execute(sql.raw(backfill.replace(/;\s*$/, ` AND r."survey_id" = '${id}';`)));
    expect(await rowsOf<Record<string, string>>(harness, snapshot)).toEqual(written);
  });

  it('the fill of migration 0025 marks the satisfied exactly as the server does', async () => {
    const snapshot = sql`select r.id::text, r.satisfied,
        (select array_agg(distinct v.satisfied) from survey_answer_values v where v.response_id = r.id) as vs
      from survey_responses r where r.survey_id = ${id} order by 1`;
    // The server's own verdict per response; every value row of a response must carry it too (the
    // test above re-flattened the values through migration 0023, which predates the column).
    const written = (await rowsOf<{ id: string; satisfied: boolean }>(harness, snapshot)).map((r) => ({
      id: r.id,
      satisfied: r.satisfied,
      vs: [r.satisfied],
    }));
    const satisfied = written.filter((r) => r.satisfied).length;
    expect(satisfied).toBeGreaterThan(0);
    expect(satisfied).toBeLessThan(written.length);
    const migration = readFileSync(
      join(process.cwd(), 'migrations', '0026_mailing_tracking_survey_satisfied.sql'),
      'utf8',
    );
    const fill = migration.slice(migration.indexOf('-- hand-written:')).split('--> statement-breakpoint');
    const db = harness.services.database.db;
    await db.execute(sql`update survey_responses set satisfied = false where survey_id = ${id}`);
    await db.execute(sql`update survey_answer_values set satisfied = false where survey_id = ${id}`);
    for (const statement of fill) await db.execute(sql.raw(statement));
    expect(await rowsOf(harness, snapshot)).toEqual(written);
  });
});
