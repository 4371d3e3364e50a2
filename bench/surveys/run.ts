// Survey analytics benchmark (issue 8): BENCH_ANSWERS (default 1 000 000) questionnaires of the
// seed-001 form in one agency, made by generate_series and flattened into survey_answer_values by
// the very backfill of migration 0023 (and the satisfied fill of 0026); then the full analytics, p95 of BENCH_RUNS calls, next to
// one plain COUNT(*) GROUP BY over survey_answer_values in the same run. PGlite in memory unless
// DATABASE_URL names a Postgres database (it must be empty: the schema is migrated into it).
import { sql } from 'drizzle-orm';
import { openBenchAgency } from '../lib/bench-agency.js';
import { generateSurveyAnswers } from '../lib/generate.mjs';

const answers = Number(process.env.BENCH_ANSWERS ?? 1_000_000);
const runs = Number(process.env.BENCH_RUNS ?? 7);
const url = process.env.DATABASE_URL ?? null;

const p95 = (times: number[]) => [...times].sort((a, b) => a - b)[Math.ceil(times.length * 0.95) - 1] ?? 0;
async function timed(fn: () => Promise<unknown>) {
  await fn(); // warm the cache and the plan once
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  return p95(times);
}

const { db, services, user, agencyId, close } = await openBenchAgency('surveys', url, 'analyst');
try {
  const actor = { userId: user.id, agencyId, roles: ['analyst' as const], isRegionAdmin: false };
  const survey = await services.surveys.createFromTemplate(actor, 'mer-nso-appendix-1', 'bench');
  const version = await services.surveys.requireCurrent(agencyId, survey.id);

  const generateMs =
    (await generateSurveyAnswers((text: string) => db.execute(sql.raw(text)), {
      agencyId,
      surveyId: survey.id,
      versionId: version.id,
      answers,
    })) * 1000;
  const [{ n } = { n: 0 }] = (
    (await db.execute(sql`select count(*)::int as n from survey_answer_values`)) as unknown as {
      rows: { n: number }[];
    }
  ).rows;

  const analyticsMs = await timed(() => services.surveyAnalytics.analytics(actor, survey.id, {}));
  const plainMs = await timed(() =>
    db.execute(sql`select question, value, count(*) from survey_answer_values
      where agency_id = ${agencyId} and survey_id = ${survey.id} group by 1, 2`),
  );
  const result = await services.surveyAnalytics.analytics(actor, survey.id, {});
  const check = result.total === answers ? 'yes' : `NO (${result.total})`;

  console.log(
    `\nsurvey analytics on ${url ? 'Postgres' : 'PGlite'}, ${answers} questionnaires, ${n} answer values`,
  );
  console.log(`generated in                          ${(generateMs / 1000).toFixed(1).padStart(7)} s`);
  console.log(`full analytics p95 (${runs} runs)         ${analyticsMs.toFixed(0).padStart(7)} ms`);
  console.log(`plain COUNT(*) GROUP BY p95           ${plainMs.toFixed(0).padStart(7)} ms`);
  console.log(
    `ratio analytics / plain               ${(analyticsMs / plainMs).toFixed(1).padStart(7)} ×  (target ≤ 5 ×)`,
  );
  console.log(`analytics counted every questionnaire: ${check}`);
  if (result.total !== answers) process.exitCode = 1;
} finally {
  await close();
}
