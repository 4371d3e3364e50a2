import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as a fake API sees it: the path, the query and form/JSON body merged as strings. */
export interface FakeCall {
  method: string;
  path: string;
  params: Record<string, string>;
  json: unknown;
}

async function readCall(request: IncomingMessage): Promise<FakeCall> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  const url = new URL(request.url ?? '/', 'http://fake');
  const params = Object.fromEntries(url.searchParams);
  let json: unknown = null;
  const type = request.headers['content-type'] ?? '';
  if (type.includes('application/x-www-form-urlencoded'))
    Object.assign(params, Object.fromEntries(new URLSearchParams(raw)));
  else if (type.includes('json') && raw) json = JSON.parse(raw);
  return { method: request.method ?? 'GET', path: url.pathname, params, json };
}

/** Starts an HTTP server on loopback whose handler answers each call with a JSON value. */
export async function startLoopbackJson(handle: (call: FakeCall) => Promise<unknown> | unknown) {
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    readCall(request)
      .then(handle)
      .then((body) => {
        response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        response.end(JSON.stringify(body));
      })
      .catch((error: Error) => {
        response.writeHead(500, { 'content-type': 'text/plain' });
        response.end(error.message);
      });
  });
  // Clients keep connections alive between calls; a server closing an idle one just as a client
  // reuses it makes a send fail at random, so idle connections stay open until the fake closes.
  server.keepAliveTimeout = 10 * 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
