import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './credentials.js';

export const root = new URL('../../', import.meta.url).pathname;

export function freePort(): Promise<number> {
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

export async function waitForHealth(url: string, child: ChildProcess, output: () => string): Promise<void> {
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

/** What every journey's server runs with: its own data, the known admin, links back to itself. */
export function journeyServerEnv(port: number, dataDir: string): Record<string, string> {
  return {
    DATA_DIR: dataDir,
    ADMIN_EMAIL,
    ADMIN_PASSWORD,
    LOG_LEVEL: 'warn',
    // Every journey's people sign in from this one address; the per-address login limit has
    // its own tests (auth/auth.test.ts) and would otherwise refuse a journey after a login-heavy one.
    LOGIN_RATE_PER_MINUTE: '1000',
    SMTP_IN_PORT: '0',
    // The links in the e-mails then lead back to this server, so a journey can follow them.
    PUBLIC_URL: `http://127.0.0.1:${port}`,
  };
}

/** The built product on 127.0.0.1:`port`; resolves once healthy, with its accumulated log. */
export async function spawnServer(port: number, env: Record<string, string>) {
  let log = '';
  const child = spawn(process.execPath, [join(root, 'dist/server/main.js')], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk) => (log += chunk));
  child.stderr?.on('data', (chunk) => (log += chunk));
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHealth(baseUrl, child, () => log).catch((error) => {
    child.kill('SIGTERM');
    throw error;
  });
  return {
    child,
    baseUrl,
    log: () => log,
    /** SIGTERM and the exit code: graceful shutdown is part of the contract. */
    stop: () =>
      new Promise<number | null>((resolve) => {
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      }),
  };
}
