// Load benchmark (issue 12 p. 1): a realistic mix of what a regional installation serves — portal
// pages, status checks and searches, request submissions and survey answers, staff register views
// with a session, inbound e-mail over SMTP — against the built server on Postgres, closed loop,
// BENCH_CONCURRENCY (16) in flight for BENCH_SECONDS (60). Prints throughput and p50/p95/p99 per
// kind, the server's RSS and CPU, and the mix's throughput against GET /healthz (one `select 1`)
// at the same concurrency in the same run. Loopback only.
import { randomUUID } from 'node:crypto';
import { cpus, loadavg, totalmem } from 'node:os';
import nodemailer from 'nodemailer';
import { concurrency, ratePerSecond } from '../lib/pool.mjs';
import { freePort, startBenchServer } from '../lib/server.mjs';

const SLUG = 'giookn-nso';
const seconds = Number(process.env.BENCH_SECONDS ?? 60);
const baselineSeconds = Number(process.env.BENCH_BASELINE_SECONDS ?? 10);
const seedRequests = Number(process.env.BENCH_SEED_REQUESTS ?? 500);

const smtpPort = await freePort();
const server = await startBenchServer({ SMTP_IN_PORT: String(smtpPort) });
const { origin } = server;

const json = async (response, what) => {
  if (!response.ok) throw new Error(`${what}: HTTP ${response.status}`);
  return response.json();
};

const phrases = [
  'Прошу сообщить о сроках реставрации фасада объекта культурного наследия',
  'Во дворе дома ведутся земляные работы рядом с памятником, прошу проверить',
  'Как получить разрешение на проведение работ по сохранению объекта',
  'Прошу разъяснить границы охранной зоны и допустимые работы',
  'Жалоба на установку рекламной конструкции на фасаде исторического здания',
];
const searches = [
  'реставрация',
  'объект культурного наследия',
  'охранная зона',
  'разрешение на работы',
  'экспертиза',
];
const registerViews = [
  'sort=dueAt',
  'sort=receivedAt',
  'overdue=true',
  'dueWithin=3',
  `q=${encodeURIComponent('фасад')}`,
];

const submit = async (i) =>
  json(
    await fetch(`${origin}/api/public/${SLUG}/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({
        kind: 'appeal',
        text: `${phrases[i % phrases.length]} (обращение ${i}).`,
        name: `Заявитель ${i}`,
        email: `client${i}@load.local`,
        notifyByEmail: i % 2 === 0,
        consent: true,
      }),
    }),
    'submission',
  );

try {
  // The register and the status checks need requests to show; the staff a session.
  const seeded = [];
  await ratePerSecond(seedRequests, async (i) => seeded.push(await submit(i)));
  const login = await fetch(`${origin}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@otklik.local', password: 'bench administrator pass' }),
  });
  const cookie = login.headers.get('set-cookie').split(';')[0];
  const { csrfToken } = await json(login, 'login');
  await json(
    await fetch(`${origin}/api/auth/agency`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({ slug: SLUG }),
    }),
    'agency',
  );
  // An MTA keeps its connections open and sends letter after letter over each.
  const smtp = nodemailer.createTransport({
    host: '127.0.0.1',
    port: smtpPort,
    secure: false,
    ignoreTLS: true,
    pool: true,
    maxConnections: 4,
    maxMessages: Number.POSITIVE_INFINITY,
  });

  let n = seedRequests;
  const get =
    (path, headers = {}) =>
    async () =>
      json(await fetch(`${origin}${path}`, { headers }), path);
  /** [kind, weight, operation]: the weights are the share of each kind in the mix. */
  const mix = [
    ['portal page', 20, (i) => get(i % 2 ? `/api/public/${SLUG}` : `/api/public/${SLUG}/site/menu`)()],
    [
      'request status',
      10,
      (i) => {
        const { number, trackingCode } = seeded[i % seeded.length];
        return get(`/api/public/${SLUG}/requests/${encodeURIComponent(number)}?code=${trackingCode}`)();
      },
    ],
    [
      'portal search',
      15,
      (i) => get(`/api/public/${SLUG}/search?q=${encodeURIComponent(searches[i % searches.length])}`)(),
    ],
    ['request submission', 15, () => submit(n++)],
    [
      'survey answer',
      5,
      async (i) =>
        json(
          await fetch(`${origin}/api/public/${SLUG}/surveys/rate/responses`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ answers: { score: (i % 5) + 1 } }),
          }),
          'survey',
        ),
    ],
    [
      'staff register',
      20,
      (i) => get(`/api/staff/requests?${registerViews[i % registerViews.length]}&pageSize=20`, { cookie })(),
    ],
    [
      'inbound e-mail',
      15,
      (i) =>
        smtp.sendMail({
          from: `Житель ${i} <mail${i}@load.local>`,
          to: 'giookn@nso.ru',
          subject: 'Обращение',
          text: `${phrases[i % phrases.length]} (письмо ${i}).`,
        }),
    ],
  ];
  const totalWeight = mix.reduce((sum, [, weight]) => sum + weight, 0);
  const pick = (i) => {
    let slot = (i * 7919) % totalWeight;
    for (const entry of mix) {
      slot -= entry[1];
      if (slot < 0) return entry;
    }
    return mix[0];
  };

  /** Runs `operation` in a closed loop `concurrency` at a time for `forSeconds`; latencies per kind. */
  async function closedLoop(forSeconds, choose) {
    const stats = new Map();
    const until = performance.now() + forSeconds * 1000;
    let i = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < until) {
          const k = i++;
          const [kind, , operation] = choose(k);
          const entry = stats.get(kind) ?? { latencies: [], errors: 0, lastError: '' };
          stats.set(kind, entry);
          const t = performance.now();
          try {
            await operation(k);
            entry.latencies.push(performance.now() - t);
          } catch (error) {
            entry.errors += 1;
            entry.lastError = String(error);
          }
        }
      }),
    );
    return { stats, elapsed: (performance.now() - started) / 1000 };
  }

  const baseline = await closedLoop(baselineSeconds, () => ['GET /healthz', 1, get('/healthz')]);
  const baselineRate = baseline.stats.get('GET /healthz').latencies.length / baseline.elapsed;

  const rssSamples = [server.rssBytes()];
  const sampler = setInterval(() => rssSamples.push(server.rssBytes()), 1000);
  const load = [loadavg()[0]];
  const cpuBefore = server.cpuSeconds();
  const run = await closedLoop(seconds, pick);
  const cpu = server.cpuSeconds() - cpuBefore;
  clearInterval(sampler);
  rssSamples.push(server.rssBytes());
  load.push(loadavg()[0]);
  smtp.close();

  const percentile = (sorted, p) =>
    sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
  const ms = (value) => value.toFixed(1).padStart(8);
  console.log(
    `\nload on Postgres, ${seconds} s, ${concurrency} in flight; ${cpus().length} × ${cpus()[0]?.model}, ` +
      `${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; load average ${load[0].toFixed(1)} → ${load[1].toFixed(1)}`,
  );
  console.log(
    `${'kind'.padEnd(20)}${'ops'.padStart(8)}${'ops/s'.padStart(8)}${'p50 ms'.padStart(9)}${'p95 ms'.padStart(9)}${'p99 ms'.padStart(9)}  errors`,
  );
  let total = 0;
  let failures = 0;
  for (const [kind] of mix) {
    const entry = run.stats.get(kind) ?? { latencies: [], errors: 0 };
    const sorted = [...entry.latencies].sort((a, b) => a - b);
    total += sorted.length;
    failures += entry.errors;
    console.log(
      `${kind.padEnd(20)}${String(sorted.length).padStart(8)}${(sorted.length / run.elapsed).toFixed(1).padStart(8)}` +
        `${ms(percentile(sorted, 50))} ${ms(percentile(sorted, 95))} ${ms(percentile(sorted, 99))}  ${entry.errors}${entry.errors ? ` (${entry.lastError})` : ''}`,
    );
  }
  const rate = total / run.elapsed;
  const mib = (bytes) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
  console.log(`${'all'.padEnd(20)}${String(total).padStart(8)}${rate.toFixed(1).padStart(8)}`);
  console.log(
    `baseline GET /healthz: ${baselineRate.toFixed(0)} req/s; mix / baseline: ${((rate / baselineRate) * 100).toFixed(1)} %`,
  );
  console.log(
    `server RSS: ${mib(rssSamples[0])} before, ${mib(Math.max(...rssSamples))} peak, ${mib(rssSamples.at(-1))} after; ` +
      `server CPU ${((cpu / run.elapsed) * 100).toFixed(0)} % of one core, ${((cpu * 1000) / total).toFixed(2)} ms per operation`,
  );
  if (failures > 0) {
    console.error(`${failures} operations failed`);
    process.exitCode = 1;
  }
} finally {
  await server.stop();
}
