import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencyWithStaff, createHarness, type Harness } from '../../testing/harness.js';
import {
  csvOf,
  deliverPos,
  importForm,
  posAgencyWithSecret,
  posMessage,
  signed,
  zipOf,
} from '../../testing/import-fixtures.js';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness.close());

const russian = /[а-яё]/i;
const text = fc.string({ maxLength: 40, unit: 'binary' });

describe('hostile input to the imports (property tests)', () => {
  it('answers any correctly signed webhook body with 200, 201 or a Russian 400', async () => {
    const { slug, secret } = await posAgencyWithSecret(harness);
    const field = fc.oneof(
      text,
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.jsonValue({ maxDepth: 2 }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            id: fc.oneof(fc.stringMatching(/^[A-Z0-9-]{1,20}$/), field),
            createdAt: fc.oneof(fc.constant(new Date(Date.now() - 60_000).toISOString()), field),
            text: field,
            author: fc.oneof(
              fc.record({ name: field, email: field, phone: field }, { requiredKeys: [] }),
              field,
            ),
            category: field,
            subcategory: field,
            fastTrack: field,
            attachments: field,
          },
          { requiredKeys: [] },
        ),
        async (message) => {
          const body = JSON.stringify({ ...posMessage(), ...message });
          const response = await deliverPos(harness, slug, body, signed(secret, body));
          expect([200, 201, 400]).toContain(response.statusCode);
          if (response.statusCode === 400) expect(response.json().message).toMatch(russian);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('reports every row of any ПОС CSV, or refuses the file in Russian, never failing', async () => {
    const { staff } = await agencyWithStaff(harness, ['operator']);
    const header = [
      'Номер сообщения',
      'Дата поступления',
      'Текст сообщения',
      'Заявитель',
      'Категория',
      'Фаст-трек',
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(text, { minLength: 0, maxLength: 7 }), { minLength: 1, maxLength: 5 }),
        async (rows) => {
          const form = importForm('pos.csv', csvOf([header, ...rows]));
          const response = await staff.request({ method: 'POST', url: '/api/staff/imports/pos', ...form });
          expect([200, 400]).toContain(response.statusCode);
          if (response.statusCode === 400) expect(response.json().message).toMatch(russian);
          else
            for (const row of response.json().rows)
              if (row.status === 'error') expect(row.message).toMatch(russian);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('refuses any broken МЭДО container in Russian', async () => {
    const { staff } = await agencyWithStaff(harness, ['operator']);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 300 }).map(Buffer.from),
          text.map((xml) => zipOf({ 'passport.xml': xml })),
        ),
        async (content) => {
          const form = importForm('container.zip', await content);
          const response = await staff.request({ method: 'POST', url: '/api/staff/imports/medo', ...form });
          expect(response.statusCode).toBe(400);
          expect(response.json()).toMatchObject({
            field: 'body.file',
            message: expect.stringMatching(russian),
          });
        },
      ),
      { numRuns: 40 },
    );
  });
});
