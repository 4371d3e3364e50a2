import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Db, openDatabase } from '../../src/server/db/client.js';
import { freePort, journeyServerEnv, spawnServer } from './server-process.js';

/**
 * A server of the journey's own, for journeys that change its database behind its back (e.g. age
 * a session): the embedded database has one owner at a time, so `withDatabase` stops the server,
 * opens the database, runs the change and starts the server again on the same address — the
 * browser's cookies and open pages carry on.
 */
export async function startOwnServer(extraEnv: Record<string, string> = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'otklik-e2e-own-'));
  const port = await freePort();
  const env = { ...journeyServerEnv(port, dataDir), ...extraEnv };
  let server = await spawnServer(port, env);
  const stop = async () => {
    const code = await server.stop();
    if (code !== 0) throw new Error(`server exited with ${code} on SIGTERM:\n${server.log()}`);
  };
  return {
    baseUrl: server.baseUrl,
    async withDatabase(change: (db: Db) => Promise<unknown>) {
      await stop();
      const database = await openDatabase({ url: null, dataDir });
      try {
        await change(database.db);
      } finally {
        await database.close();
      }
      server = await spawnServer(port, env);
    },
    async close() {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
