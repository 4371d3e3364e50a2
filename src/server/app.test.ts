import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness, usePostgres } from './testing/harness.js';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness({ BODY_LIMIT_BYTES: '2048' });
});
afterAll(() => harness.close());

describe('contract endpoints', () => {
  it('reports health with the database kind', async () => {
    const response = await harness.app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', db: usePostgres ? 'postgres' : 'pglite' });
  });

  it('publishes an OpenAPI document with every API route and its schemas', async () => {
    const response = await harness.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of [
      '/api/public/agencies',
      '/api/auth/login',
      '/api/staff/touchpoints/{id}',
      '/api/staff/audit',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    expect(doc.paths['/api/auth/login'].post.requestBody.content['application/json'].schema.required).toEqual(
      ['email', 'password'],
    );
  });
});

describe('bad input gets a Russian 4xx, never a 500', () => {
  const post = (payload: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    harness.app.inject({ method: 'POST', url: '/api/auth/login', payload, headers });

  it('rejects malformed JSON', async () => {
    const response = await post('{"email": ');
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      error: 'malformed_json',
      message: expect.stringMatching(/JSON/),
    });
  });

  it('rejects a body over the limit', async () => {
    const response = await post(JSON.stringify({ email: 'a@b.ru', password: 'x'.repeat(4096) }));
    expect(response.statusCode).toBe(413);
    expect(response.json().message).toMatch(/слишком большое/);
  });

  it('names the field of a wrong type', async () => {
    const response = await post(JSON.stringify({ email: 'a@b.ru', password: { $gt: '' } }));
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      error: 'validation_failed',
      message: 'Неверный тип значения: ожидается строка',
      field: 'body.password',
    });
  });

  it('names a missing field', async () => {
    const response = await post(JSON.stringify({ password: 'x' }));
    expect(response.json()).toMatchObject({ field: 'body.email', message: 'Обязательное поле не заполнено' });
  });

  it('rejects an unsupported content type', async () => {
    const response = await post('email=a', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(response.statusCode).toBe(415);
    expect(response.json().message).toMatch(/Неподдерживаемый тип/);
  });

  it('answers 404 JSON for an unknown agency and an unknown API route', async () => {
    const agency = await harness.app.inject({ method: 'GET', url: '/api/public/no-such-agency' });
    expect(agency.statusCode).toBe(404);
    expect(agency.json()).toEqual({ error: 'agency_not_found', message: 'Ведомство не найдено' });
    const route = await harness.app.inject({ method: 'GET', url: '/api/nothing/here' });
    expect(route.statusCode).toBe(404);
    expect(route.json()).toEqual({ error: 'not_found', message: 'Адрес не найден' });
  });

  it('rejects an agency slug that is not a slug', async () => {
    const response = await harness.app.inject({
      method: 'GET',
      url: `/api/public/${encodeURIComponent("x' or 1=1--")}`,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().field).toBe('params.agency');
  });
});

describe('security headers', () => {
  it('sends CSP, frame and content-type protections', async () => {
    const response = await harness.app.inject({ method: 'GET', url: '/api/public/agencies' });
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });
});
