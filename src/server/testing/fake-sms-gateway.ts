import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedSms {
  to: string;
  text: string;
  id: string;
  authorization: string | undefined;
}

/** What the fake does with the next request: answer with a status, or hold it past the client's timeout. */
export type GatewayBehaviour = { status: number } | { hangMs: number };

/**
 * An SMS gateway on loopback speaking the HTTP adapter's protocol. It accepts by default; `queue`
 * scripts the next answers (a 503, a timeout) to exercise retries. Like a real gateway that keeps
 * ids, it records a repeated id once in `accepted` but every request in `requests`.
 */
export async function startFakeSmsGateway() {
  const requests: ReceivedSms[] = [];
  const accepted = new Map<string, ReceivedSms>();
  const script: GatewayBehaviour[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Omit<ReceivedSms, 'authorization'>;
      const sms = { ...body, authorization: request.headers.authorization };
      requests.push(sms);
      const next = script.shift() ?? { status: 200 };
      if ('hangMs' in next) {
        setTimeout(() => response.destroyed || response.end(), next.hangMs).unref();
        return;
      }
      if (next.status >= 200 && next.status < 300) accepted.set(sms.id, sms);
      response.writeHead(next.status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(next.status < 300 ? { id: `gw-${requests.length}` } : { error: 'busy' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/send`,
    requests,
    /** Messages the gateway took, one per id. */
    accepted: () => [...accepted.values()],
    queue: (...behaviours: GatewayBehaviour[]) => script.push(...behaviours),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type FakeSmsGateway = Awaited<ReturnType<typeof startFakeSmsGateway>>;
