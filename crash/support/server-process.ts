import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const root = new URL('../../', import.meta.url).pathname;

export function assertBuilt() {
  if (!existsSync(join(root, 'dist/server/main.js')))
    throw new Error('The app is not built: run npm run build first');
}

export interface ServerProcess {
  origin: string;
  child: ChildProcess;
  /** The last lines the server printed, for a failure message. */
  output(): string;
  kill(signal: NodeJS.Signals): Promise<number | null>;
}

/** Waits until GET /healthz answers 200; fails early if the process exits. */
export async function waitHealthy(server: ServerProcess, timeoutMs = 90_000): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (server.child.exitCode !== null || server.child.signalCode !== null) {
      throw new Error(
        `server exited (${server.child.exitCode ?? server.child.signalCode}):\n${server.output()}`,
      );
    }
    try {
      const response = await fetch(`${server.origin}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return Date.now() - started;
      await response.arrayBuffer();
    } catch {
      // not listening yet, or the database is not back
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`server not healthy within ${timeoutMs} ms:\n${server.output()}`);
}

/** Runs the built server (`dist/server/main.js`), as production does, with `env` on top. */
export function spawnServer(port: number, env: Record<string, string>): ServerProcess {
  const child = spawn(process.execPath, [join(root, 'dist/server/main.js')], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString().split('\n').filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - 200));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return {
    origin: `http://127.0.0.1:${port}`,
    child,
    output: () => lines.join('\n'),
    kill(signal) {
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill(signal);
      return exited;
    },
  };
}
