import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort, journeyServerEnv, root, spawnServer } from './server-process.js';
import { startSmtpSink } from './smtp-sink.js';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** Where the local SMTP sink writes each received message as JSON (see support/mail.ts). */
    mailDir: string;
  }
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
  const server = await spawnServer(port, {
    ...journeyServerEnv(port, dataDir),
    SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
  }).catch(async (error) => {
    await sink.close();
    throw error;
  });
  const { baseUrl } = server;
  project.provide('baseUrl', baseUrl);
  project.provide('mailDir', mailDir);
  return async () => {
    // Graceful shutdown is part of the contract: SIGTERM must end the server cleanly.
    const code = await server.stop();
    await sink.close();
    // With SMTP_URL set nothing may fall back to the offline outbox.
    const leaked = existsSync(join(dataDir, 'outbox'));
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(mailDir, { recursive: true, force: true });
    if (code !== 0) throw new Error(`server exited with ${code} on SIGTERM:\n${server.log()}`);
    if (leaked) throw new Error('mail was written to DATA_DIR/outbox instead of going over SMTP');
  };
}
