import { createServer } from 'node:net';

function tryListen(port: number): Promise<number | null> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(null));
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const bound = typeof address === 'object' && address ? address.port : null;
      server.close(() => resolve(bound));
    });
  });
}

const taken = new Set<number>();

/**
 * A free loopback port, from the range in `rangeVariable` (e.g. CRASH_PORTS=4500-4599, for a
 * shared machine where each user keeps to its own ports) or else one the OS picks.
 */
export async function freePort(rangeVariable: string): Promise<number> {
  const range = process.env[rangeVariable]?.match(/^(\d+)-(\d+)$/);
  if (!range) {
    const port = await tryListen(0);
    if (port === null) throw new Error('no free port');
    return port;
  }
  for (let port = Number(range[1]); port <= Number(range[2]); port++) {
    if (taken.has(port)) continue;
    if ((await tryListen(port)) !== null) {
      taken.add(port);
      return port;
    }
  }
  throw new Error(`no free port in ${rangeVariable}=${range[0]}`);
}
