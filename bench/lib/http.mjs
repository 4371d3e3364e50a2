// A light HTTP client for load: node:http with keep-alive. `fetch` costs the load generator about
// 2.4 ms of CPU per request here (WHATWG streams), against 0.7 ms for this, and the generator
// shares the machine's cores with the server and Postgres under test.
import http from 'node:http';

/** A keep-alive client for `origin` with up to `sockets` connections; `close()` when done. */
export function httpClient(origin, sockets) {
  const { hostname, port } = new URL(origin);
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  return {
    /** POSTs `payload` as JSON; resolves with the status and the body read to the end. */
    postJson(path, payload) {
      const body = JSON.stringify(payload);
      return new Promise((resolve, reject) => {
        const request = http.request(
          {
            host: hostname,
            port,
            path,
            method: 'POST',
            agent,
            headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
          },
          (response) => {
            const chunks = [];
            response.on('data', (chunk) => chunks.push(chunk));
            response.on('end', () => resolve({ status: response.statusCode, body: Buffer.concat(chunks) }));
            response.on('error', reject);
          },
        );
        request.on('error', reject);
        request.end(body);
      });
    },
    close: () => agent.destroy(),
  };
}
