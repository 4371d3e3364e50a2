// Mailing benchmark (issue 9): BENCH_RECIPIENTS (default 100 000) subscribers of one agency get a
// campaign through the built server (claim per recipient, consent checked at send time) to a local
// SMTP sink; next to it, in the same run, raw nodemailer sends the same number of messages of the
// same shape to the same sink. Prints both rates, their ratio (target ≥ 70 %) and the duplicates
// the sink saw (target 0). Postgres from BENCH_DATABASE_URL / TEST_DATABASE_URL. Loopback only.
import nodemailer from 'nodemailer';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { startBenchServer } from '../lib/server.mjs';

const recipients = Number(process.env.BENCH_RECIPIENTS ?? 100_000);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 8);
const SLUG = 'giookn-nso';
const RAW_FROM = 'raw@bench.local';

/** Counts deliveries per recipient, apart for the product and for the raw baseline. */
async function startCountingSink() {
  const counts = { product: new Map(), raw: new Map() };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    disableReverseLookup: true,
    logger: false,
    maxClients: 1000,
    onData(stream, session, callback) {
      stream.on('data', () => {});
      stream.on('end', () => {
        const bucket = session.envelope.mailFrom.address === RAW_FROM ? counts.raw : counts.product;
        for (const { address } of session.envelope.rcptTo)
          bucket.set(address, (bucket.get(address) ?? 0) + 1);
        callback();
      });
    },
  });
  const port = await new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(server.server.address().port)),
  );
  return { port, counts, close: () => new Promise((resolve) => server.close(resolve)) };
}

const address = (i) => `subscriber${i}@bench.local`;
const total = (map) => [...map.values()].reduce((sum, n) => sum + n, 0);
const duplicates = (map) => [...map.values()].filter((n) => n > 1).length;
const HTML = '<p>С 1 декабря приём граждан ведётся <strong>по предварительной записи</strong>.</p>';
const TEXT = 'С 1 декабря приём граждан ведётся по предварительной записи.';

const sink = await startCountingSink();
const server = await startBenchServer({
  SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
  MAIL_FROM: 'Отклик <no-reply@bench.local>',
  MAILING_RATE_PER_MINUTE: '10000000',
  MAILING_BATCH_SIZE: '500',
  MAILING_CONCURRENCY: String(concurrency),
  MAILING_POLL_MS: '200',
});
try {
  const db = new pg.Pool({ connectionString: server.databaseUrl, max: 4 });
  // The form's first read gives the agency its preset topics.
  await (await fetch(`${server.origin}/api/public/${SLUG}/subscriptions/form`)).arrayBuffer();
  const { rows } = await db.query(
    `select a.id, array_agg(t.id) as topics from agencies a join mailing_topics t on t.agency_id = a.id
     where a.slug = $1 group by a.id`,
    [SLUG],
  );
  const { id: agencyId, topics } = rows[0];
  await db.query(
    `insert into mailing_subscribers (agency_id, email, status, topic_ids, confirmed_at)
     select $1, 'subscriber' || i || '@bench.local', 'active', $2::uuid[], now() from generate_series(0, $3 - 1) i`,
    [agencyId, topics, recipients],
  );

  const login = await fetch(`${server.origin}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@otklik.local', password: 'bench administrator pass' }),
  });
  const cookie = login.headers.get('set-cookie').split(';')[0];
  const { csrfToken } = await login.json();
  const staff = async (path, body) => {
    const response = await fetch(`${server.origin}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return response.json();
  };
  await staff('/api/auth/agency', { slug: SLUG });
  const campaign = await staff('/api/staff/mailings/campaigns', {
    subject: 'Изменения в порядке приёма граждан',
    html: HTML,
    text: TEXT,
    topicIds: topics,
  });

  const cpuBefore = server.cpuSeconds();
  let started = performance.now();
  await staff(`/api/staff/mailings/campaigns/${campaign.id}/send`, {});
  for (;;) {
    const { rows: state } = await db.query(`select status from mailing_campaigns where id = $1`, [
      campaign.id,
    ]);
    if (state[0].status === 'sent') break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const productMs = performance.now() - started;
  const productCpu = server.cpuSeconds() - cpuBefore;
  const { rows: outcome } = await db.query(
    `select status, count(*)::int as n from mailing_recipients where campaign_id = $1 group by status`,
    [campaign.id],
  );
  await db.end();

  // The baseline: the same number of messages, same parts and headers, pooled like the product.
  const raw = nodemailer.createTransport({
    host: '127.0.0.1',
    port: sink.port,
    pool: true,
    maxConnections: concurrency,
    maxMessages: Number.POSITIVE_INFINITY,
  });
  let next = 0;
  started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < recipients) {
        const i = next++;
        const url = `http://127.0.0.1/${SLUG}/unsubscribe/${'x'.repeat(64)}`;
        await raw.sendMail({
          from: { name: 'Бенчмарк', address: RAW_FROM },
          to: address(i),
          subject: 'Изменения в порядке приёма граждан',
          text: `${TEXT}\n\n—\nОтписаться: ${url}\n`,
          html: `${HTML}<hr><p><a href="${url}">Отписаться</a></p>`,
          headers: { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
        });
      }
    }),
  );
  const rawMs = performance.now() - started;
  raw.close();

  const productRate = (total(sink.counts.product) / productMs) * 1000;
  const rawRate = (total(sink.counts.raw) / rawMs) * 1000;
  console.log(
    `\nmailing on Postgres, ${recipients.toLocaleString('en')} recipients, ${concurrency} SMTP connections`,
  );
  console.log(
    `product campaign  ${(productMs / 1000).toFixed(1).padStart(7)} s  ${productRate.toFixed(0).padStart(6)} msg/s   recipients: ${outcome.map((r) => `${r.status} ${r.n}`).join(', ')}`,
  );
  console.log(
    `server CPU        ${productCpu.toFixed(1).padStart(7)} s  (${((productCpu * 1e6) / recipients).toFixed(0)} µs per recipient)`,
  );
  console.log(
    `raw nodemailer    ${(rawMs / 1000).toFixed(1).padStart(7)} s  ${rawRate.toFixed(0).padStart(6)} msg/s`,
  );
  console.log(
    `ratio product / raw            ${((productRate / rawRate) * 100).toFixed(0).padStart(6)} %  (target ≥ 70 %)`,
  );
  const dup = duplicates(sink.counts.product);
  const delivered = sink.counts.product.size;
  console.log(`delivered to ${delivered.toLocaleString('en')} distinct addresses, duplicates: ${dup}`);
  if (dup > 0 || delivered !== recipients) process.exitCode = 1;
} finally {
  await server.stop();
  await sink.close();
}
