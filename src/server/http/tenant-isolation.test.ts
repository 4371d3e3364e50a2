import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencySnapshot, idsOf, uuidsIn } from '../testing/agency-rows.js';
import { agencyWithStaff, createHarness, type Harness, type StaffClient } from '../testing/harness.js';
import { multipartBody, SMALL_PDF } from '../testing/multipart.js';
import {
  fillPath,
  type Operation,
  operationsOf,
  type Parameter,
  pathParams,
  sampleOf,
  segmentBefore,
} from '../testing/openapi.js';
import { type SeededAgency, seededAgency } from '../testing/tenant-seed.js';

// ARCHITECTURE §3, issue 12 p.4: the administrator of agency B calls every staff route of the OpenAPI
// document with agency A's ids, and nothing of A comes back or changes. The routes come from the
// document, so a route added tomorrow is walked tomorrow.

/** Routes a signed-in staff member calls that are not about an agency's data, and why. */
const NOT_AGENCY_DATA: Record<string, string> = {
  'POST /api/auth/login': 'signs in; proven by auth.test.ts (lockout, rotation)',
  'POST /api/auth/logout': 'ends the walker’s own session',
  'POST /api/auth/password-reset': 'public, answers the same for every address (auth.test.ts)',
  'POST /api/auth/password-reset/confirm': 'public, a one-time token of one user',
};

const isStaffRoute = (operation: Operation) =>
  operation.path.startsWith('/api/staff/') || operation.path.startsWith('/api/auth/');

/** The table stems a path segment or a parameter name means, where the table is named otherwise. */
const TABLE_ALIASES: Record<string, string[]> = {
  outbox: ['outbound_messages'],
  social: ['social_items'],
  template: ['kb_articles'],
  delivery: ['channel_post_deliveries'],
  user: ['users'],
};

/** A path parameter naming a row: a uuid, or an integer called `id`/`…Id` (notifications). */
const addresses = (param: Parameter) =>
  param.schema.format === 'uuid' || (param.schema.type === 'integer' && /^(id|\w+Id)$/.test(param.name));

const stemOf = (word: string) =>
  word.replace(/Id$/, '').replace(/-/g, '_').replace(/ies$/, 'y').replace(/s$/, '').toLowerCase();

let harness: Harness;
let a: SeededAgency;
let b: StaffClient;
const marker = `Тайна${Math.random().toString(36).slice(2, 8)}`;

beforeAll(async () => {
  harness = await createHarness();
  a = await seededAgency(harness, marker);
  b = (await agencyWithStaff(harness, ['admin'])).staff;
}, 300_000);
afterAll(() => harness.close());

async function readable(body: Buffer): Promise<string> {
  if (body.subarray(0, 2).toString() !== 'PK') return body.toString('utf8');
  // XLSX exports are zip files: the text a leak would show is inside.
  const zip = await JSZip.loadAsync(body);
  const parts = await Promise.all(Object.values(zip.files).map((file) => file.async('string')));
  return parts.join('\n');
}

describe('tenant isolation walk over the OpenAPI document', () => {
  it('gives the administrator of another agency nothing of agency A, and changes nothing of it', async () => {
    expect(a.failures, 'seeding agency A through its own API').toEqual([]);
    const agencyA = await harness.services.agencies.idBySlug(a.slug);
    const agencyB = await harness.services.agencies.idBySlug(b.info.currentAgency ?? '');
    const before = await agencySnapshot(harness, agencyA);
    const { all: idsOfA, byTable } = idsOf(before);
    const { all: idsOfBBefore } = idsOf(await agencySnapshot(harness, agencyB));
    // What both agencies reference (preset templates, the calendar) is not A's secret.
    const secretsOfA = [...idsOfA].filter((id) => !idsOfBBefore.has(id));
    // Users are global; the members of A stand for them.
    byTable.set(
      'users',
      (before.get('memberships') ?? []).map((row) => (JSON.parse(row) as { user_id: string }).user_id),
    );
    for (const [table, ids] of Object.entries(a.childIds)) byTable.set(table, ids);
    const withoutIds = [...byTable].filter(([, ids]) => ids.length === 0).map(([table]) => table);

    const tablesFor = (word: string) => {
      const stems = TABLE_ALIASES[stemOf(word)] ?? [stemOf(word)];
      return [...byTable.keys()].filter((table) => stems.some((stem) => table.includes(stem)));
    };
    const idOfKind = (word: string): string | null => {
      if (/^(user|assignee|responsibleUser|author|official.*User)/i.test(word)) return a.userId;
      for (const table of tablesFor(word)) {
        const id = byTable.get(table)?.[0];
        if (id) return id;
      }
      return null;
    };
    const uuidFor = (name: string) => (name === 'slug' ? null : (idOfKind(name) ?? a.requestId));

    const operations = (await operationsOf(harness)).filter(
      (operation) => isStaffRoute(operation) && !NOT_AGENCY_DATA[`${operation.method} ${operation.path}`],
    );
    const problems: string[] = [];
    let walked = 0;
    let pastValidation = 0;

    for (const operation of operations) {
      const label = `${operation.method} ${operation.path}`;
      // Each uuid parameter takes the first id of every A table its segment names: the route must
      // refuse them all.
      const choices: Record<string, string>[] = [{}];
      for (const param of pathParams(operation)) {
        const values: string[] = [];
        if (addresses(param)) {
          const word = param.name === 'id' ? segmentBefore(operation.path, param.name) : param.name;
          for (const table of tablesFor(word)) {
            const id = byTable.get(table)?.[0];
            if (id) values.push(id);
          }
          if (values.length === 0) problems.push(`${label}: no record of A for {${param.name}} — seed one`);
        } else {
          values.push(String(sampleOf(param.schema, param.name, uuidFor)));
        }
        choices.splice(
          0,
          choices.length,
          ...choices.flatMap((choice) => values.map((value) => ({ ...choice, [param.name]: value }))),
        );
      }
      const query = new URLSearchParams();
      for (const param of operation.parameters.filter((p) => p.in === 'query')) {
        if (param.required || param.schema.format === 'uuid') {
          query.set(param.name, String(sampleOf(param.schema, param.name, uuidFor)));
        }
      }
      const addressesA = pathParams(operation).some(addresses);
      const jsonSchema = operation.body['application/json'];
      const payload =
        operation.method === 'GET' || operation.method === 'DELETE'
          ? {}
          : jsonSchema
            ? { payload: sampleOf(jsonSchema, 'body', uuidFor) as object }
            : multipartBody({}, [{ name: 'файл.pdf', content: SMALL_PDF, type: 'application/pdf' }]);

      for (const values of choices.slice(0, 8)) {
        const url = `${fillPath(operation.path, values)}${query.size ? `?${query}` : ''}`;
        const response = await b.request({ method: operation.method as 'GET', url, ...payload });
        walked++;
        if (response.statusCode !== 400) pastValidation++;
        const body = await readable(response.rawPayload);
        const sent = new Set([...Object.values(values), ...uuidsIn(JSON.stringify(payload) + url)]);
        const leaked = [...uuidsIn(body)].filter((id) => secretsOfA.includes(id) && !sent.has(id));
        if (response.statusCode >= 500)
          problems.push(`${label} → ${response.statusCode}: ${body.slice(0, 200)}`);
        // 409/422 and friends would mean the lookup found A's row before a later check refused it.
        if (addressesA && ![400, 403, 404].includes(response.statusCode)) {
          problems.push(`${label} with A's ${url} → ${response.statusCode}: ${body.slice(0, 200)}`);
        }
        if (body.includes(marker)) problems.push(`${label} (${url}) shows A's text`);
        if (leaked.length > 0) problems.push(`${label} (${url}) shows A's ids ${leaked.join(', ')}`);
      }
    }

    const after = await agencySnapshot(harness, agencyA);
    for (const [table, rows] of before) {
      if (JSON.stringify(after.get(table)) !== JSON.stringify(rows)) problems.push(`A's ${table} changed`);
    }
    const { all: idsOfBAfter } = idsOf(await agencySnapshot(harness, agencyB));
    const adopted = secretsOfA.filter((id) => idsOfBAfter.has(id));
    if (adopted.length > 0) problems.push(`B's rows now reference A's ids ${adopted.join(', ')}`);

    console.info(
      `tenant walk: ${operations.length} routes, ${walked} calls, ${pastValidation} past validation; A has no ids in: ${withoutIds.join(', ')}`,
    );
    expect(problems).toEqual([]);
    expect(walked).toBeGreaterThan(150);

    const intoA = await b.request({ method: 'POST', url: '/api/auth/agency', payload: { slug: a.slug } });
    expect(intoA.statusCode, 'switching into an agency one is not a member of').toBe(403);
  }, 600_000);
});
