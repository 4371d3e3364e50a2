// Dashboard benchmark (issue 11): BENCH_REQUESTS (default 1 000 000) requests and BENCH_ANSWERS
// (default 1 000 000) seed-001 questionnaires in one agency, made by the shared generators; then
// the p95 of the agency dashboard API («Мониторинг», a year's period) through HTTP, next to the
// p95 of the heaviest plain SQL aggregate in the same run. Target: within 3×.
import pg from 'pg';
import { generateRequests, generateSurveyAnswers } from '../lib/generate.mjs';
import { startBenchServer } from '../lib/server.mjs';

const requestCount = Number(process.env.BENCH_REQUESTS ?? 1_000_000);
const answerCount = Number(process.env.BENCH_ANSWERS ?? 1_000_000);
const runs = Number(process.env.BENCH_RUNS ?? 7);
const SLUG = 'giookn-nso';
const TARGET = 3;

const server = await startBenchServer();
const db = new pg.Pool({ connectionString: server.databaseUrl, max: 4 });
const execute = (text) => db.query(text);

const p95 = (samples) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)];
};
async function timed(fn) {
  await fn(); // warm-up: plans and caches, not measured
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  return p95(samples);
}

async function signIn() {
  const login = await fetch(`${server.origin}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@otklik.local', password: 'bench administrator pass' }),
  });
  const cookie = login.headers.get('set-cookie').split(';')[0];
  const { csrfToken } = await login.json();
  const call = async (method, path, body) => {
    const response = await fetch(`${server.origin}${path}`, {
      method,
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${await response.text()}`);
    return response.json();
  };
  await call('POST', '/api/auth/agency', { slug: SLUG });
  return call;
}

try {
  const { rows: ids } = await db.query(
    `select a.id as agency, u.id as "user" from agencies a, users u where a.slug = $1 and u.email = 'admin@otklik.local'`,
    [SLUG],
  );
  const { agency, user } = ids[0];
  const call = await signIn();
  const departments = [];
  for (const name of ['Отдел государственного надзора', 'Отдел учёта объектов', 'Отдел экспертизы'])
    departments.push((await call('POST', '/api/staff/departments', { name })).id);
  const survey = await call('POST', '/api/staff/surveys', { template: 'mer-nso-appendix-1', slug: 'bench' });
  const { rows: versions } = await db.query('select id from survey_versions where survey_id = $1', [
    survey.id,
  ]);

  const requestSeconds = await generateRequests(execute, {
    agencyId: agency,
    userId: user,
    rows: requestCount,
    seal: server.fieldCrypto.seal,
    departmentIds: departments,
  });
  const answerSeconds = await generateSurveyAnswers(execute, {
    agencyId: agency,
    surveyId: survey.id,
    versionId: versions[0].id,
    answers: answerCount,
  });
  // A consult line's year: a call every few minutes of working time, one in eight missed; caller
  // numbers sealed as the server stores them, cycling through a thousand of them.
  const phones = Array.from({ length: 1000 }, (_, i) =>
    server.fieldCrypto.seal(`+7913${String(i).padStart(7, '0')}`),
  );
  await execute(`insert into calls (agency_id, source, caller_phone, started_at, answered, within_hours, survey_quality)
    select '${agency}'::uuid, 'pbx', (array[${phones.map((p) => `'${p}'`).join(',')}])[1 + g % 1000], now() - g * interval '3 minutes',
      g % 8 <> 0, g % 5 <> 0, case when g % 3 = 0 then (array['satisfied','partly','unsatisfied'])[1 + g % 3] end
    from generate_series(1, 150000) g`);
  await execute('analyze');
  const { rows: counted } = await db.query(
    `select (select count(*) from requests where agency_id = $1)::int as requests,
            (select count(*) from survey_answer_values where agency_id = $1)::int as "answerValues"`,
    [agency],
  );

  const to = new Date().toISOString().slice(0, 10);
  const from = new Date(Date.now() - 364 * 86_400_000).toISOString().slice(0, 10);
  const dashboard = await call('GET', `/api/staff/dashboard?from=${from}&to=${to}&department=all`);
  const dashboardMs = await timed(() =>
    call('GET', `/api/staff/dashboard?from=${from}&to=${to}&department=all`),
  );

  // The plain aggregates over the same data, each one GROUP BY over a whole table of the agency;
  // the heaviest of them is the baseline.
  const plain = [
    [
      'requests by status (1 table scan)',
      () => db.query('select status, count(*) from requests where agency_id = $1 group by 1', [agency]),
    ],
    [
      'survey answer values by question and value',
      () =>
        db.query(
          'select question, value, count(*) from survey_answer_values where agency_id = $1 group by 1, 2',
          [agency],
        ),
    ],
  ];
  let heaviest = { name: '', ms: 0 };
  console.log(
    `\ndashboard on Postgres: ${counted[0].requests.toLocaleString('en')} requests (made in ${requestSeconds.toFixed(0)} s), ` +
      `${answerCount.toLocaleString('en')} questionnaires = ${counted[0].answerValues.toLocaleString('en')} answer values (made in ${answerSeconds.toFixed(0)} s), p95 of ${runs} runs`,
  );
  for (const [name, fn] of plain) {
    const ms = await timed(fn);
    console.log(`plain ${name.padEnd(46)} ${ms.toFixed(0).padStart(7)} ms`);
    if (ms > heaviest.ms) heaviest = { name, ms };
  }
  console.log(
    `dashboard API (GET /api/staff/dashboard, a year)        ${dashboardMs.toFixed(0).padStart(7)} ms`,
  );
  const ratio = dashboardMs / heaviest.ms;
  console.log(
    `ratio dashboard / heaviest plain aggregate             ${ratio.toFixed(2).padStart(7)} ×  (target ≤ ${TARGET} ×)`,
  );
  const complete = dashboard.requests.total > 0 && dashboard.satisfaction.answered > 0;
  console.log(
    `dashboard saw ${dashboard.requests.total.toLocaleString('en')} requests of the year and ${dashboard.satisfaction.answered.toLocaleString('en')} satisfaction answers: ${complete ? 'yes' : 'NO'}`,
  );
  if (!complete || ratio > TARGET) process.exitCode = 1;
} finally {
  await db.end();
  await server.stop();
}
