import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness, OWN_HARNESS_TIMEOUT_MS } from '../testing/harness.js';

// Property tests over the public endpoints: whatever arrives, the answer is a 2xx/4xx with a
// Russian message, never a 500, and the server keeps serving.
let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness.close());

const cyrillic = /[а-яё]/i;

function expectClientError(status: number, body: string) {
  expect(status).toBeGreaterThanOrEqual(400);
  expect(status).toBeLessThan(500);
  const json = JSON.parse(body);
  expect(json.error).toEqual(expect.any(String));
  expect(json.message).toMatch(cyrillic);
}

describe('public endpoints under hostile input', () => {
  it('GET /api/public/:agency answers 400 or 404 for any path segment', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 300, unit: 'binary' }), async (segment) => {
        const response = await harness.app.inject({
          method: 'GET',
          url: `/api/public/${encodeURIComponent(segment)}`,
        });
        if (response.statusCode === 200) return;
        expectClientError(response.statusCode, response.body);
      }),
      { numRuns: 150 },
    );
  });

  it('POST /api/auth/login answers 4xx for any JSON body', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), async (body) => {
        const response = await harness.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          headers: { 'content-type': 'application/json' },
          payload: JSON.stringify(body),
        });
        expectClientError(response.statusCode, response.body);
      }),
      { numRuns: 150 },
    );
  });

  it('POST /api/auth/login answers 4xx for arbitrary bytes and content types', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 2000 }),
        fc.constantFrom('application/json', 'text/plain', 'application/xml', 'multipart/form-data'),
        async (bytes, contentType) => {
          const response = await harness.app.inject({
            method: 'POST',
            url: '/api/auth/login',
            headers: { 'content-type': contentType },
            payload: Buffer.from(bytes),
          });
          expectClientError(response.statusCode, response.body);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('POST /api/auth/password-reset rejects header injection in the address', async () => {
    const response = await harness.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset',
      payload: { email: 'victim@example.ru\r\nBcc: all@example.ru' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().field).toBe('body.email');
    expect(await harness.outbox()).toEqual([]);
  });

  it(
    'limits the request rate of one client on the public API',
    async () => {
      const limited = await createHarness({ PUBLIC_RATE_PER_MINUTE: '5' });
      try {
        const codes: number[] = [];
        for (let i = 0; i < 6; i++) {
          codes.push((await limited.app.inject({ method: 'GET', url: '/api/public/agencies' })).statusCode);
        }
        expect(codes).toEqual([200, 200, 200, 200, 200, 429]);
        const blocked = await limited.app.inject({ method: 'GET', url: '/api/public/agencies' });
        expect(blocked.json().message).toMatch(/Слишком много запросов/);
      } finally {
        await limited.close();
      }
    },
    OWN_HARNESS_TIMEOUT_MS,
  );

  it('still serves after the barrage', async () => {
    const response = await harness.app.inject({ method: 'GET', url: '/api/public/agencies' });
    expect(response.statusCode).toBe(200);
  });
});
