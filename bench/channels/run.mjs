// Channels benchmark: inbound e-mails per second through the SMTP listener into registered
// requests (parse, route by recipient, register, acknowledgement to the outbox, 250 after commit),
// next to the HTTP intake rate of the same server in the same run. Postgres; loopback only.
import nodemailer from 'nodemailer';
import pg from 'pg';
import { concurrency, ratePerSecond } from '../lib/pool.mjs';
import { freePort, startBenchServer } from '../lib/server.mjs';

const total = Number(process.env.BENCH_REQUESTS ?? 1000);

const text = (i) => `Прошу сообщить о сроках работ на объекте № ${i}. Обращение для замера скорости приёма.`;

const smtpPort = await freePort();
const server = await startBenchServer({ SMTP_IN_PORT: String(smtpPort) });
const { origin, cpuSeconds } = server;

const db = new pg.Client({ connectionString: server.databaseUrl });
await db.connect();

/** Both ways write an acknowledgement to the outbox; one way's sends must not run into the other's timing. */
async function outboxEmpty() {
  for (;;) {
    const { rows } = await db.query(
      `select count(*)::int as n from outbound_messages where status in ('pending', 'sending')`,
    );
    if (rows[0].n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

try {
  let httpFailures = 0;
  let cpuBefore = cpuSeconds();
  const httpRate = await ratePerSecond(total, async (i) => {
    const response = await fetch(`${origin}/api/public/giookn-nso/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        kind: 'appeal',
        text: text(i),
        name: `Заявитель ${i}`,
        email: `client${i}@bench.local`,
        notifyByEmail: true,
        consent: true,
      }),
    });
    if (response.status !== 201) httpFailures++;
    await response.arrayBuffer();
  });
  const httpCpuMs = ((cpuSeconds() - cpuBefore) * 1000) / total;
  await outboxEmpty();

  // An MTA keeps its connections open and sends letter after letter over each.
  const smtp = nodemailer.createTransport({
    host: '127.0.0.1',
    port: smtpPort,
    secure: false,
    ignoreTLS: true,
    pool: true,
    maxConnections: concurrency,
    maxMessages: Number.POSITIVE_INFINITY,
  });
  let smtpFailures = 0;
  cpuBefore = cpuSeconds();
  const smtpRate = await ratePerSecond(total, async (i) => {
    try {
      await smtp.sendMail({
        from: `Заявитель ${i} <mail${i}@bench.local>`,
        to: 'giookn@nso.ru',
        subject: `Обращение ${i}`,
        text: text(i),
        messageId: `<bench-${i}-${Date.now()}@bench.local>`,
      });
    } catch {
      smtpFailures++;
    }
  });
  const smtpCpuMs = ((cpuSeconds() - cpuBefore) * 1000) / total;
  smtp.close();
  const { rows } = await db.query(`select count(*)::int as n from requests where channel = 'email'`);
  await db.end();

  console.log(`\nchannels on Postgres, ${total} requests each way, ${concurrency} at a time`);
  console.log(
    `HTTP intake (portal form)   ${httpRate.toFixed(0).padStart(6)} req/s      failures: ${httpFailures}, server CPU ${httpCpuMs.toFixed(1)} ms/request`,
  );
  console.log(
    `SMTP inbound (e-mail)       ${smtpRate.toFixed(0).padStart(6)} letters/s  failures: ${smtpFailures}, server CPU ${smtpCpuMs.toFixed(1)} ms/letter, requests registered: ${rows[0].n}`,
  );
  console.log(`ratio e-mail / HTTP         ${((smtpRate / httpRate) * 100).toFixed(0).padStart(6)} %`);
  if (rows[0].n !== total - smtpFailures) {
    console.error('every letter answered 250 must be a request');
    process.exitCode = 1;
  }
} finally {
  await server.stop();
}
