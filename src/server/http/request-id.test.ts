import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { agencyWithStaff, createHarness, type Harness, uniqueEmail } from '../testing/harness.js';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness.close());

/** An app on the harness's services whose JSON log lines the test reads. */
async function loggedApp() {
  const lines: Record<string, unknown>[] = [];
  const app = await buildApp(harness.services, {
    logger: { level: 'info', stream: { write: (line: string) => lines.push(JSON.parse(line)) } },
  });
  return { app, lines };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('request ids in the logs', () => {
  it('follow a portal request from the balancer to the acknowledgement it sends', async () => {
    const { app, lines } = await loggedApp();
    try {
      const { slug } = await agencyWithStaff(harness);
      const response = await app.inject({
        method: 'POST',
        url: `/api/public/${slug}/requests`,
        headers: { 'x-request-id': 'lb-7f3a9c21e0' },
        payload: {
          kind: 'appeal',
          text: 'Прошу разъяснить порядок',
          name: 'Заявитель',
          email: uniqueEmail('trace'),
          notifyByEmail: true,
          consent: true,
        },
      });
      expect(response.statusCode).toBe(201);
      expect(response.headers['x-request-id']).toBe('lb-7f3a9c21e0');
      const ofRequest = lines.filter((line) => line.reqId === 'lb-7f3a9c21e0');
      const registered = ofRequest.find((line) => line.msg === 'request registered');
      expect(registered).toMatchObject({ number: response.json().number, created: true });
      expect(ofRequest.map((line) => line.msg)).toEqual(
        expect.arrayContaining(['incoming request', 'request registered', 'request completed']),
      );

      // The acknowledgement leaves later, on whichever node drains the outbox: its line names the request.
      harness.services.outbox.start(3_600_000, app.log);
      await harness.services.outbox.drain();
      await harness.services.outbox.stop();
      const sent = lines.find((line) => line.msg === 'outbound sent' && line.request === registered?.request);
      expect(sent).toMatchObject({ network: 'email', attempt: 1 });
      expect(sent?.outbound).toMatch(UUID);
    } finally {
      await app.close();
    }
    // An app of its own (schemas, Swagger) and a staff account (argon2): slow on a busy machine.
  }, 120_000);

  it('makes a unique id when none, or an unsafe one, came with the request', async () => {
    const { app, lines } = await loggedApp();
    try {
      const plain = await app.inject({ method: 'GET', url: '/healthz' });
      const forged = await app.inject({
        method: 'GET',
        url: '/healthz',
        headers: { 'x-request-id': 'x"} {"level":60,"msg":"forged' },
      });
      expect(plain.headers['x-request-id']).toMatch(UUID);
      expect(forged.headers['x-request-id']).toMatch(UUID);
      expect(forged.headers['x-request-id']).not.toBe(plain.headers['x-request-id']);
      expect(lines.some((line) => line.msg === 'forged')).toBe(false);
    } finally {
      await app.close();
    }
  });
});
