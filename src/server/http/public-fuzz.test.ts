import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencyTables } from '../testing/agency-rows.js';
import { agencyWithStaff, createHarness, type Harness } from '../testing/harness.js';
import { fillPath, type Operation, operationsOf, sampleOf } from '../testing/openapi.js';

// Issue 12 p.3: every route a stranger can call, taken from the OpenAPI document, under arbitrary
// JSON, strings, huge values, broken Unicode and prototype-pollution keys in its path, query and
// body. The answer is never a 5xx; a refusal is JSON with a Russian message (and the field at fault
// for a 400); a refused write stores nothing.

const RUNS_PER_ROUTE = 30;
const cyrillic = /[а-яё]/i;

const hostileString = fc.oneof(
  fc.string({ maxLength: 200, unit: 'binary' }),
  fc.string({ maxLength: 60, unit: 'grapheme' }),
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    '../../../etc/passwd',
    '..%2F..%2Fetc%2Fpasswd',
    '\u0000',
    '\uD800',
    '\uDFFF\uD800',
    "'; drop table requests; --",
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '{{constructor.constructor("return process")()}}',
    '1e309',
    '-0',
    'ф'.repeat(70_000),
  ),
);

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(null, true, -1, 0, 2 ** 53, 1e308, [], {}, { __proto__: null }),
);

/** JSON text with prototype-pollution keys written as they would arrive on the wire. */
const pollutedJson = (base: unknown) =>
  fc.tuple(fc.constantFrom('__proto__', 'constructor', 'prototype'), hostileValue).map(([key, value]) => {
    const text = JSON.stringify(base ?? {});
    const inner = `"${key}":{"polluted":${JSON.stringify(value ?? null)},"prototype":{"polluted":true}}`;
    return text.startsWith('{') && text !== '{}' ? `{${inner},${text.slice(1)}` : `{${inner}}`;
  });

/** A request body: arbitrary JSON, the schema's own sample with one field made hostile, polluted keys, or raw bytes. */
function bodies(operation: Operation): fc.Arbitrary<{ payload: string | Buffer; type: string }> {
  const schema = operation.body['application/json'];
  const sample = schema ? sampleOf(schema, 'body', () => null) : {};
  const keys = schema?.properties ? Object.keys(schema.properties) : ['text'];
  const json = (payload: string) => ({ payload, type: 'application/json' });
  return fc.oneof(
    fc.jsonValue({ maxDepth: 4 }).map((value) => json(JSON.stringify(value))),
    fc
      .tuple(fc.constantFrom(...keys), hostileValue)
      .map(([key, value]) => json(JSON.stringify({ ...(sample as object), [key]: value }))),
    pollutedJson(sample).map(json),
    fc
      .tuple(
        fc.uint8Array({ maxLength: 600 }),
        fc.constantFrom('application/json', 'text/plain', 'multipart/form-data'),
      )
      .map(([bytes, type]) => ({ payload: Buffer.from(bytes), type })),
    // Invalid UTF-8 inside an otherwise well-formed JSON string.
    fc.constantFrom(...keys).map((key) => ({
      payload: Buffer.concat([
        Buffer.from(`{"${key}":"`),
        Buffer.from([0xff, 0xfe, 0xc3, 0x28]),
        Buffer.from('"}'),
      ]),
      type: 'application/json',
    })),
  );
}

/** Bytes as percent escapes: any byte sequence, including invalid UTF-8, as a path segment. */
const percent = (bytes: Uint8Array) =>
  [...bytes].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');
const hostileSegment = fc.oneof(
  hostileString.map((text) => percent(Buffer.from(text))),
  fc.uint8Array({ minLength: 1, maxLength: 40 }).map(percent),
);

let harness: Harness;
let slug: string;
let tables: string[];

beforeAll(async () => {
  harness = await createHarness();
  ({ slug } = await agencyWithStaff(harness, ['admin']));
  tables = await agencyTables(harness);
}, 300_000);
afterAll(() => harness.close());

/** Rows in every agency table, summed: a refused request must leave it as it was. */
async function storedRows(): Promise<number> {
  const counts = sql.join(
    tables.map((table) => sql`(select count(*) from ${sql.identifier(table)})`),
    sql` + `,
  );
  const result = (await harness.services.database.db.execute(
    sql`select (${counts})::int as n`,
  )) as unknown as {
    rows: { n: number }[];
  };
  return result.rows[0]?.n ?? 0;
}

const isPublic = (operation: Operation) => !operation.path.startsWith('/api/staff/');

describe('every public endpoint of the OpenAPI document under hostile input', () => {
  it('answers 2xx or a Russian 4xx, never 5xx, and stores nothing it refused', async () => {
    const operations = (await operationsOf(harness)).filter(isPublic);
    expect(operations.length).toBeGreaterThan(30);
    const problems: string[] = [];

    for (const operation of operations) {
      const label = `${operation.method} ${operation.path}`;
      const names = operation.parameters.filter((p) => p.in === 'path').map((p) => p.name);
      const queryNames = operation.parameters.filter((p) => p.in === 'query').map((p) => p.name);
      const writes = operation.method !== 'GET';
      const request = fc.record({
        // The agency is real half the time, so the input reaches the handler behind the slug.
        path: fc.tuple(
          ...names.map((name) =>
            name === 'agency' ? fc.oneof(fc.constant(slug), hostileSegment) : hostileSegment,
          ),
        ),
        query: fc.array(
          fc.tuple(fc.oneof(fc.constantFrom('__proto__', ...queryNames), hostileString), hostileString),
          {
            maxLength: 4,
          },
        ),
        body: writes ? bodies(operation) : fc.constant(null),
      });

      await fc.assert(
        fc.asyncProperty(request, async ({ path, query, body }) => {
          const values = Object.fromEntries(names.map((name, index) => [name, path[index] ?? '']));
          const search = new URLSearchParams(query.map(([key, value]) => [key, value]));
          const url = `${fillPath(operation.path, values, (segment) => segment)}${search.size ? `?${search}` : ''}`;
          const before = writes ? await storedRows() : 0;
          const response = await harness.app.inject({
            method: operation.method as 'GET',
            url,
            ...(body ? { payload: body.payload, headers: { 'content-type': body.type } } : {}),
          });
          const status = response.statusCode;
          const where = `${label} ${url.slice(0, 120)} → ${status}`;
          if (status >= 500) problems.push(`${where}: ${response.body.slice(0, 300)}`);
          if (status >= 400 && status < 500) {
            const json = response.headers['content-type']?.toString().includes('json')
              ? response.json()
              : null;
            if (!cyrillic.test(String(json?.message)))
              problems.push(`${where}: no Russian message: ${response.body.slice(0, 200)}`);
            if (status === 400 && typeof json?.field !== 'string')
              problems.push(`${where}: 400 without field: ${response.body.slice(0, 200)}`);
            if (writes && (await storedRows()) !== before) problems.push(`${where}: refused but stored rows`);
          }
          expect(({} as Record<string, unknown>).polluted, 'Object.prototype polluted').toBeUndefined();
        }),
        { numRuns: RUNS_PER_ROUTE },
      );
    }
    expect([...new Set(problems)]).toEqual([]);
    const alive = await harness.app.inject({ method: 'GET', url: '/api/public/agencies' });
    expect(alive.statusCode).toBe(200);
  }, 600_000);
});
