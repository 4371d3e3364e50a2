// Mailing benchmark (issue 9): BENCH_RECIPIENTS (default 100 000) subscribers of one agency get a
// campaign through the built server (claim per recipient, consent checked at send time) to a local
// SMTP sink; next to it, in the same run, raw nodemailer sends the same number of messages of the
// same shape to an identical sink. Each sink runs in a child process of its own, so neither side
// shares its event loop with the sink. Prints both rates, their ratio (target ≥ 70 %) and the
// duplicates the sink saw (target 0). Postgres from BENCH_DATABASE_URL / TEST_DATABASE_URL. Loopback only.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import nodemailer from 'nodemailer';
import pg from 'pg';
import { startBenchServer } from '../lib/server.mjs';

const recipients = Number(process.env.BENCH_RECIPIENTS ?? 100_000);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 8);
const SLUG = 'giookn-nso';

const sinks = [];

/** A fresh counting sink (bench/mailing/sink.mjs) in a child process of its own. */
async function startCountingSink() {
  const child = fork(fileURLToPath(new URL('./sink.mjs', import.meta.url)), { stdio: 'inherit' });
  sinks.push(child);
  const { port } = await new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`sink exited with ${code}`)));
  });
  return {
    port,
    /** Stops the sink and says what it counted. */
    report: () =>
      new Promise((resolve) => {
        child.once('message', resolve);
        child.send('report');
      }),
  };
}

const address = (i) => `subscriber${i}@bench.local`;
const HTML = '<p>С 1 декабря приём граждан ведётся <strong>по предварительной записи</strong>.</p>';
const TEXT = 'С 1 декабря приём граждан ведётся по предварительной записи.';
const SUBJECT = 'Изменения в порядке приёма граждан';
const FROM = 'Отклик <no-reply@bench.local>';

const productSink = await startCountingSink();
const server = await startBenchServer({
  SMTP_URL: `smtp://127.0.0.1:${productSink.port}`,
  MAIL_FROM: FROM,
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
    `select a.id, a.name, array_agg(t.id) as topics from agencies a join mailing_topics t on t.agency_id = a.id
     where a.slug = $1 group by a.id`,
    [SLUG],
  );
  const { id: agencyId, name: agencyName, topics } = rows[0];
  // Written as the app writes them: the address sealed, with its blind index.
  const { seal, blindIndex } = server.fieldCrypto;
  const addresses = Array.from({ length: recipients }, (_, i) => address(i));
  await db.query(
    `insert into mailing_subscribers (agency_id, email, email_index, status, topic_ids, confirmed_at)
     select $1, sealed, indexed, 'active', $2::uuid[], now() from unnest($3::text[], $4::text[]) as a (sealed, indexed)`,
    [agencyId, topics, addresses.map(seal), addresses.map(blindIndex)],
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
    subject: SUBJECT,
    html: HTML,
    text: TEXT,
    topicIds: topics,
  });

  const cpuBefore = server.cpuSeconds();
  const clickedAt = Date.now();
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
  const product = await productSink.report();

  // The baseline: the same messages (the product's own template: parts, footer, List-Unsubscribe
  // headers, Message-ID, a token of the same length), pooled like the product, to a sink of its
  // own started the same way — only the queue, the consent checks and the database are left out.
  const { campaignMessageId, renderCampaignMail } = await import(
    '../../dist/server/modules/mailings/campaign-mail.js'
  );
  const rawSink = await startCountingSink();
  const raw = nodemailer.createTransport({
    host: '127.0.0.1',
    port: rawSink.port,
    pool: true,
    maxConnections: concurrency,
    maxMessages: Number.POSITIVE_INFINITY,
  });
  const token = 'x'.repeat(64);
  const unsubscribeUrl = `http://127.0.0.1/${SLUG}/unsubscribe/${token}`;
  let next = 0;
  const rawCpuBefore = process.cpuUsage();
  started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < recipients) {
        const i = next++;
        await raw.sendMail(
          renderCampaignMail(
            {
              to: address(i),
              fromName: agencyName,
              subject: SUBJECT,
              html: HTML,
              text: TEXT,
              unsubscribeUrl,
              messageId: campaignMessageId(i + 1, token, 'bench.local'),
            },
            FROM,
          ),
        );
      }
    }),
  );
  const rawMs = performance.now() - started;
  const rawCpu = process.cpuUsage(rawCpuBefore);
  raw.close();
  const baseline = await rawSink.report();

  const productRate = (product.messages / productMs) * 1000;
  const rawRate = (baseline.messages / rawMs) * 1000;
  console.log(
    `\nmailing on Postgres, ${recipients.toLocaleString('en')} recipients, ${concurrency} SMTP connections`,
  );
  console.log(
    `product campaign  ${(productMs / 1000).toFixed(1).padStart(7)} s  ${productRate.toFixed(0).padStart(6)} msg/s   recipients: ${outcome.map((r) => `${r.status} ${r.n}`).join(', ')}`,
  );
  console.log(
    `  first e-mail at the sink ${((product.firstAt - clickedAt) / 1000).toFixed(1)} s after «send», ` +
      `${(((product.messages - 1) / (product.lastAt - product.firstAt)) * 1000) | 0} msg/s from the first to the last`,
  );
  console.log(
    `server CPU        ${productCpu.toFixed(1).padStart(7)} s  (${((productCpu * 1e6) / recipients).toFixed(0)} µs per recipient)`,
  );
  console.log(
    `raw nodemailer    ${(rawMs / 1000).toFixed(1).padStart(7)} s  ${rawRate.toFixed(0).padStart(6)} msg/s`,
  );
  console.log(
    `raw client CPU    ${((rawCpu.user + rawCpu.system) / 1e6).toFixed(1).padStart(7)} s  (${((rawCpu.user + rawCpu.system) / recipients).toFixed(0)} µs per message)`,
  );
  console.log(
    `ratio product / raw            ${((productRate / rawRate) * 100).toFixed(0).padStart(6)} %  (target ≥ 70 %)`,
  );
  console.log(
    `delivered to ${product.addresses.toLocaleString('en')} distinct addresses, duplicates: ${product.duplicates}` +
      ` (raw: ${baseline.addresses.toLocaleString('en')}, duplicates: ${baseline.duplicates})`,
  );
  if (product.duplicates > 0 || product.addresses !== recipients || baseline.messages !== recipients)
    process.exitCode = 1;
} finally {
  await server.stop();
  for (const sink of sinks) sink.kill();
}
