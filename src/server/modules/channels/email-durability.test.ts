import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inArray } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { rootDir } from '../../config.js';
import { openDatabase } from '../../db/client.js';
import { sendCode, smtpClient } from '../../testing/email-kit.js';
import { TEST_SECRETS_KEY, usePostgres } from '../../testing/harness.js';
import { requests } from '../requests/schema.js';

// A preset agency's e-mail touchpoint (presets/agencies/giookn-nso.json).
const AGENCY_ADDRESS = 'giookn@nso.ru';
const LETTERS = 60;
const SENDERS = 8;
const KILL_AFTER_ACKS = 15;

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

// Every server started, so a failing test leaves none running behind it.
const servers: ChildProcess[] = [];
const dataDir = mkdtempSync(join(tmpdir(), 'otklik-durability-'));
const databaseUrl = usePostgres ? (process.env.TEST_DATABASE_URL ?? '') : '';

/** The real server process (`node --import tsx src/server/main.ts`) on the test's DATA_DIR. */
async function startServer() {
  const [port, smtpPort] = [await freePort(), await freePort()];
  let log = '';
  const child = spawn(process.execPath, ['--import', 'tsx', join(rootDir, 'src/server/main.ts')], {
    cwd: rootDir,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      SMTP_IN_PORT: String(smtpPort),
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      // The shared TEST_DATABASE_URL keeps contacts an earlier run sealed: the same key every run.
      SECRETS_KEY: TEST_SECRETS_KEY,
      ADMIN_PASSWORD: 'durability administrator',
      DEADLINE_SWEEP_MINUTES: '0',
      IMAP_POLL_MINUTES: '0',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  servers.push(child);
  child.stdout?.on('data', (chunk) => (log += chunk));
  child.stderr?.on('data', (chunk) => (log += chunk));
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${log}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2000) })).ok) break;
    } catch {}
    if (Date.now() > deadline) throw new Error(`server did not start:\n${log}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { child, smtpPort, log: () => log };
}

/** The requests' keys of these letters as stored, read while no server holds the database. */
async function storedKeys(messageIds: string[]) {
  const database = await openDatabase({ url: databaseUrl || null, dataDir });
  try {
    const rows = await database.db
      .select({ key: requests.idempotencyKey })
      .from(requests)
      .where(
        inArray(
          requests.idempotencyKey,
          messageIds.map((id) => `email:${id}`),
        ),
      );
    return rows.map((row) => row.key as string);
  } finally {
    await database.close();
  }
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve, reject) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => reject(new Error('the server did not exit within 20 s')), 20_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });

describe('inbound SMTP survives a SIGKILL', () => {
  afterAll(() => {
    for (const server of servers)
      if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('after a kill mid-stream and the resends of a real MTA, every letter is one request', async () => {
    const run = Math.random().toString(36).slice(2);
    const letters = Array.from({ length: LETTERS }, (_, i) => ({
      from: `Заявитель ${i} <sender-${i}-${run}@client.test>`,
      to: AGENCY_ADDRESS,
      subject: `Обращение ${i}`,
      text: `Письмо номер ${i} для проверки устойчивости.`,
      messageId: `<durability-${i}-${run}@client.test>`,
    }));
    const acked = new Set<string>();

    const first = await startServer();
    const smtp = smtpClient(first.smtpPort);
    let next = 0;
    let killed = false;
    const sender = async () => {
      while (next < letters.length && !killed) {
        const letter = letters[next++] as (typeof letters)[number];
        if ((await sendCode(smtp, letter)) === 250) acked.add(letter.messageId);
        if (acked.size >= KILL_AFTER_ACKS && !killed) {
          killed = true;
          first.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: SENDERS }, sender));
    await exited(first.child);
    expect(first.child.signalCode).toBe('SIGKILL');
    expect(acked.size).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);
    expect(acked.size).toBeLessThan(LETTERS);

    // 250 was said after commit: every acknowledged letter is on disk although the process died.
    const afterKill = await storedKeys(letters.map((l) => l.messageId));
    expect([...acked].filter((messageId) => !afterKill.includes(`email:${messageId}`))).toEqual([]);

    // As an MTA does: whatever was not answered 250 stays queued and goes again.
    const second = await startServer();
    const resend = smtpClient(second.smtpPort);
    for (const letter of letters.filter((l) => !acked.has(l.messageId))) {
      expect(await sendCode(resend, letter)).toBe(250);
    }
    second.child.kill('SIGTERM');
    await exited(second.child);
    expect(second.child.exitCode, second.log()).toBe(0);

    const keys = letters.map((l) => `email:${l.messageId}`);
    expect((await storedKeys(letters.map((l) => l.messageId))).sort()).toEqual([...keys].sort());
  }, 240_000);
});
