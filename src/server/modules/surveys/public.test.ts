import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  agencyWithStaff,
  createHarness,
  type Harness,
  OWN_HARNESS_TIMEOUT_MS,
} from '../../testing/harness.js';
import { answerSurvey, rowsOf, storedCount, surveyId, withSeedForm } from '../../testing/surveys.js';
import { DEFAULT_WORKING_HOURS } from '../agencies/working-hours.js';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness.close());

const answer = (agency: string, slug: string, payload: Record<string, unknown>, headers = {}) =>
  answerSurvey(harness, agency, slug, payload, headers);

describe('presets', () => {
  it('gives every new agency «Оценить работу» and the post-call survey, published', async () => {
    const { slug } = await agencyWithStaff(harness);
    const list = await harness.app.inject({ method: 'GET', url: `/api/public/${slug}/surveys` });
    expect(list.json()).toEqual(
      expect.arrayContaining([
        { slug: 'rate', title: 'Оценить работу' },
        { slug: 'post-call', title: 'Оценка консультации' },
      ]),
    );
    expect(list.json()).toHaveLength(2);
  });

  it('gives mer-nso the seed-001 form with paper codes and minkpo-perm the 13-question form', async () => {
    for (const slug of ['mer-nso', 'minkpo-perm']) {
      await harness.services.agencies.createAgency(
        { userId: null as unknown as string },
        {
          slug,
          name: slug,
          shortName: slug,
          timezone: 'Asia/Novosibirsk',
          workingHours: DEFAULT_WORKING_HOURS,
        },
        async () => {},
      );
    }
    const mer = await harness.app.inject({ method: 'GET', url: '/api/public/mer-nso/surveys/informatsiya' });
    expect(mer.statusCode).toBe(200);
    const ease = mer.json().questions.find((q: { code?: string }) => q.code === '23');
    expect(ease.rows.map((r: { code: string }) => r.code)).toEqual(['23.1', '23.2', '23.3', '23.4']);
    const perm = await harness.app.inject({
      method: 'GET',
      url: '/api/public/minkpo-perm/surveys/otsenka-informatsii',
    });
    expect(perm.json().questions).toHaveLength(13);
    const notPerm = await harness.app.inject({
      method: 'GET',
      url: '/api/public/minkpo-perm/surveys/informatsiya',
    });
    expect(notPerm.statusCode).toBe(404);
  });
});

describe('public answering', () => {
  it('stores an anonymous rating with its channel and nothing about the sender', async () => {
    const { slug, staff } = await agencyWithStaff(harness);
    const response = await answer(
      slug,
      'rate',
      { answers: { score: 5, comment: '  Спасибо!  ' }, channel: 'site' },
      { 'user-agent': 'Spy-Browser/1.0', 'x-forwarded-for': '203.0.113.77', cookie: 'tracking=abc123' },
    );
    expect(response.statusCode, response.body).toBe(201);
    const columns = await rowsOf<{ column_name: string }>(
      harness,
      sql`select column_name from information_schema.columns where table_name = 'survey_responses'`,
    );
    const names = columns.map((row) => row.column_name);
    expect(names.filter((name) => /ip|agent|cookie|contact|email|phone|token|client/.test(name))).toEqual([]);
    const id = await surveyId(staff, 'rate');
    const stored = JSON.stringify(
      await rowsOf(harness, sql`select * from survey_responses where survey_id = ${id}`),
    );
    for (const trace of ['Spy-Browser', '203.0.113.77', '127.0.0.1', 'abc123'])
      expect(stored).not.toContain(trace);
    const listed = await staff.request({ method: 'GET', url: `/api/staff/surveys/${id}/responses` });
    expect(listed.json().items).toMatchObject([
      { channel: 'site', answers: { score: 5, comment: 'Спасибо!' } },
    ]);
  });

  it('asks the seed-001 follow-up only after a score of 1–3 and fills the statistical block', async () => {
    const { slug, surveyId: id, staff, agency } = await withSeedForm(harness);
    const base = { municipality: { choice: '31' }, satisfaction: { choice: '2' }, ease: { site: 5, vk: 2 } };
    const ok = await answer(slug, 'informatsiya', {
      answers: { ...base, notFound: 'Нет графика приёма' },
      channel: 'qr',
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const stray = await answer(slug, 'informatsiya', {
      answers: { ...base, ease: { site: 5 }, notFound: 'текст' },
    });
    expect(stray.json()).toMatchObject({ field: 'body.answers.notFound' });
    const [stored] = (
      await staff.request({ method: 'GET', url: `/api/staff/surveys/${id}/responses` })
    ).json().items;
    expect(stored.channel).toBe('qr');
    expect(stored.answers.agency).toBe(agency.name);
    expect(Date.parse(stored.answers.filledAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('refuses hostile input with a Russian message and the field, storing nothing', async () => {
    const { slug, staff } = await agencyWithStaff(harness);
    const other = await agencyWithStaff(harness);
    const id = await surveyId(staff, 'rate');
    const cases: [Record<string, unknown>, number, string | undefined][] = [
      [{ answers: { score: 5, comment: 'я'.repeat(5000) } }, 400, 'body.answers.comment'],
      [{ answers: { score: 5, nope: 1 } }, 400, 'body.answers.nope'],
      [{ answers: { score: '5' } }, 400, 'body.answers.score'],
      [{ answers: { score: 9 } }, 400, 'body.answers.score'],
      [{ answers: { score: { $gt: 0 } } }, 400, 'body.answers.score'],
      [{ answers: [5] }, 400, 'body.answers'],
      [{ answers: {} }, 400, 'body.answers.score'],
      [{ answers: { score: 5 }, channel: 'paper' }, 400, 'body.channel'],
      [{ answers: { score: 5 }, ip: '1.2.3.4' }, 400, undefined],
      [{ answers: { score: 5, agency: 'x' } }, 400, 'body.answers.agency'],
    ];
    for (const [payload, status, field] of cases) {
      const response = await answer(slug, 'rate', payload);
      expect(response.statusCode, JSON.stringify(payload).slice(0, 80)).toBe(status);
      expect(response.json().message).toMatch(/[а-яё]/i);
      if (field) expect(response.json().field).toBe(field);
    }
    const huge = await answer(slug, 'rate', { answers: { score: 5, comment: 'x'.repeat(100_000) } });
    expect(huge.statusCode).toBe(413);
    expect((await answer('no-such-agency', 'rate', { answers: { score: 5 } })).statusCode).toBe(404);
    expect((await answer(slug, 'no-such-survey', { answers: { score: 5 } })).statusCode).toBe(404);
    expect(await storedCount(harness, id)).toBe(0);
    // Another agency's form by slug is that agency's own, never this one's.
    expect((await answer(other.slug, 'rate', { answers: { score: 1 } })).statusCode).toBe(201);
    expect(await storedCount(harness, id)).toBe(0);
  });

  it(
    'limits how often one sender may answer',
    async () => {
      const limited = await createHarness({ PUBLIC_RATE_PER_MINUTE: '3' });
      try {
        const { slug } = await agencyWithStaff(limited);
        const codes: number[] = [];
        for (let i = 0; i < 4; i++) {
          const response = await limited.app.inject({
            method: 'POST',
            url: `/api/public/${slug}/surveys/rate/responses`,
            payload: { answers: { score: 3 } },
          });
          codes.push(response.statusCode);
          if (response.statusCode === 429) expect(response.json().message).toMatch(/Слишком много запросов/);
        }
        expect(codes).toEqual([201, 201, 201, 429]);
      } finally {
        await limited.close();
      }
    },
    OWN_HARNESS_TIMEOUT_MS,
  );

  it('hides an unpublished survey', async () => {
    const { slug, staff } = await agencyWithStaff(harness);
    const id = await surveyId(staff, 'rate');
    await staff.request({ method: 'PATCH', url: `/api/staff/surveys/${id}`, payload: { published: false } });
    expect(
      (await harness.app.inject({ method: 'GET', url: `/api/public/${slug}/surveys/rate` })).statusCode,
    ).toBe(404);
    expect((await answer(slug, 'rate', { answers: { score: 5 } })).statusCode).toBe(404);
  });
});

describe('one answer per person', () => {
  it('a token answers once; the second use is a 409; only the hash is kept', async () => {
    const { slug, staff } = await agencyWithStaff(harness);
    const id = await surveyId(staff, 'rate');
    await staff.request({
      method: 'PATCH',
      url: `/api/staff/surveys/${id}`,
      payload: { requireToken: true },
    });
    expect((await answer(slug, 'rate', { answers: { score: 4 } })).json().error).toBe('token_required');
    const issued = await staff.request({
      method: 'POST',
      url: `/api/staff/surveys/${id}/tokens`,
      payload: { count: 2 },
    });
    const [token] = issued.json().tokens as string[];
    expect((await answer(slug, 'rate', { answers: { score: 4 }, token })).statusCode).toBe(201);
    const again = await answer(slug, 'rate', { answers: { score: 1 }, token });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toMatch(/только один раз/);
    const forged = await answer(slug, 'rate', { answers: { score: 1 }, token: 'A'.repeat(43) });
    expect(forged.json().error).toBe('token_invalid');
    const kept = await rowsOf(harness, sql`select token_hash from survey_tokens where survey_id = ${id}`);
    expect(kept).toHaveLength(2);
    expect(JSON.stringify(kept)).not.toContain(token);
    expect(await storedCount(harness, id)).toBe(1);
  });
});
