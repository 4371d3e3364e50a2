// Survey analytics benchmark (issue 8): BENCH_ANSWERS (default 1 000 000) questionnaires of the
// seed-001 form in one agency, made by generate_series and flattened into survey_answer_values by
// the very backfill of migration 0023 (and the satisfied fill of 0025); then the full analytics, p95 of BENCH_RUNS calls, next to
// one plain COUNT(*) GROUP BY over survey_answer_values in the same run. PGlite in memory unless
// DATABASE_URL names a Postgres database (it must be empty: the schema is migrated into it).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../../src/server/config.js';
import { openDatabase } from '../../src/server/db/client.js';
import { migrate } from '../../src/server/db/migrate.js';
import { DEFAULT_WORKING_HOURS } from '../../src/server/modules/agencies/working-hours.js';
import { insertUser, upsertMembership } from '../../src/server/modules/auth/repo.js';
import { createServices } from '../../src/server/services.js';

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

const dataDir = mkdtempSync(join(tmpdir(), 'otklik-bench-surveys-'));
const database = await openDatabase({ url, dataDir: null });
try {
  await migrate(database);
  const services = createServices(database, { ...loadConfig({ DATA_DIR: dataDir }), databaseUrl: url });
  const { db } = database;
  const user = await insertUser(db, { email: 'bench@example.ru', name: 'Аналитик', passwordHash: 'x' });
  await services.agencies.createAgency(
    { userId: user.id },
    {
      slug: 'bench',
      name: 'Ведомство для замера',
      shortName: 'Замер',
      timezone: 'Asia/Novosibirsk',
      workingHours: DEFAULT_WORKING_HOURS,
    },
    (tx, agencyId) => upsertMembership(tx, { agencyId, userId: user.id, roles: ['analyst'], active: true }),
  );
  const agencyId = await services.agencies.idBySlug('bench');
  const actor = { userId: user.id, agencyId, roles: ['analyst' as const], isRegionAdmin: false };
  const survey = await services.surveys.createFromTemplate(actor, 'mer-nso-appendix-1', 'bench');
  const version = await services.surveys.requireCurrent(agencyId, survey.id);

  let started = performance.now();
  await db.execute(sql`
    insert into survey_responses (agency_id, survey_id, version_id, channel, answers, submitted_at)
    select ${agencyId}::uuid, ${survey.id}::uuid, ${version.id}::uuid,
      (array['link','qr','email','sms','phone','paper','site'])[1 + i % 7],
      jsonb_build_object(
        'municipality', jsonb_build_object('choice', (1 + (i * 7) % 35)::text),
        'satisfaction', jsonb_build_object('choice', case when i % 10 < 7 then '1' else '2' end),
        'sources', jsonb_build_object('site', (1 + i % 3)::text, 'telegram', (1 + (i / 3) % 3)::text,
                                      'vk', (1 + (i / 9) % 3)::text, 'ok', (1 + (i / 27) % 3)::text),
        'ease', jsonb_build_object('site', 1 + i % 5, 'telegram', 1 + (i / 5) % 5, 'vk', 1 + (i / 25) % 5, 'ok', 5)
      ) || case when i % 5 = 0 then jsonb_build_object('notFound',
             (array['Не нашёл график приёма граждан', 'Нет сведений о субсидиях фермерам',
                    'Не нашла телефон приёмной', 'Нет отчёта о работе за год'])[1 + i % 4]) else '{}'::jsonb end,
      now() - ((i % 365) || ' days')::interval
    from generate_series(1, ${answers}) as i`);
  const migration = readFileSync(join(process.cwd(), 'migrations', '0023_survey_answer_values.sql'), 'utf8');
  await db.execute(sql.raw(migration.slice(migration.indexOf('INSERT INTO'))));
  // And the fill of migration 0026: the satisfied flag on every response and answer value.
  const satisfied = readFileSync(join(process.cwd(), 'migrations', '0026_mailing_tracking_survey_satisfied.sql'), 'utf8');
  for (const statement of satisfied
    .slice(satisfied.indexOf('-- hand-written:'))
    .split('--> statement-breakpoint'))
    await db.execute(sql.raw(statement));
  await db.execute(sql`analyze`);
  const generateMs = performance.now() - started;
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
  started = performance.now();
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
  await database.close();
  rmSync(dataDir, { recursive: true, force: true });
}
