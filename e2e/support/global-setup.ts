import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './credentials.js';
import { startSmtpSink } from './smtp-sink.js';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** Where the local SMTP sink writes each received message as JSON (see support/mail.ts). */
    mailDir: string;
  }
}

const root = new URL('../../', import.meta.url).pathname;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output()}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`server did not become healthy in 90 s:\n${output()}`);
}

/** Starts the built product once for all journeys, on its embedded database in a fresh DATA_DIR. */
export default async function setup(project: TestProject) {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    throw new Error(
      `Chromium not found at ${chromium}: install it (apt-get install chromium) or set CHROMIUM_PATH`,
    );
  }
  if (
    !existsSync(join(root, 'dist/server/main.js')) ||
    !existsSync(join(root, 'dist/web/portal/index.html'))
  ) {
    throw new Error('The app is not built: run npm run build first');
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'otklik-e2e-'));
  // Mail goes over real SMTP to a sink on loopback, started before the server sends anything.
  const mailDir = mkdtempSync(join(tmpdir(), 'otklik-e2e-mail-'));
  const sink = await startSmtpSink(mailDir);
  const port = await freePort();
  let log = '';
  const child = spawn(process.execPath, [join(root, 'dist/server/main.js')], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      ADMIN_EMAIL,
      ADMIN_PASSWORD,
      LOG_LEVEL: 'warn',
      // Every journey's people sign in from this one address; the per-address login limit has
      // its own tests (auth/auth.test.ts) and would otherwise refuse a journey after a login-heavy one.
      LOGIN_RATE_PER_MINUTE: '1000',
      SMTP_IN_PORT: '0',
      SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
      // The links in the e-mails then lead back to this server, so a journey can follow them.
      PUBLIC_URL: `http://127.0.0.1:${port}`,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk) => (log += chunk));
  child.stderr?.on('data', (chunk) => (log += chunk));
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHealth(baseUrl, child, () => log).catch(async (error) => {
    child.kill('SIGTERM');
    await sink.close();
    throw error;
  });
  project.provide('baseUrl', baseUrl);
  project.provide('mailDir', mailDir);
  return async () => {
    // Graceful shutdown is part of the contract: SIGTERM must end the server cleanly.
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    const code = await exited;
    await sink.close();
    // With SMTP_URL set nothing may fall back to the offline outbox.
    const leaked = existsSync(join(dataDir, 'outbox'));
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(mailDir, { recursive: true, force: true });
    if (code !== 0) throw new Error(`server exited with ${code} on SIGTERM:\n${log}`);
    if (leaked) throw new Error('mail was written to DATA_DIR/outbox instead of going over SMTP');
  };
}
