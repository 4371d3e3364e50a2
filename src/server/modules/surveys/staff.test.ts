import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencyWithStaff, createHarness, type Harness, type StaffClient } from '../../testing/harness.js';
import { answerSurvey, colleague, rowsOf, surveyId, withSeedForm } from '../../testing/surveys.js';
import { expectTenantIsolation } from '../../testing/tenancy.js';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness.close());

const answer = (agency: string, slug: string, payload: Record<string, unknown>, headers = {}) =>
  answerSurvey(harness, agency, slug, payload, headers);

describe('versions', () => {
  it('an edit makes a new version; earlier answers stay on the version they were given to', async () => {
    const { slug, staff, surveyId: id } = await withSeedForm(harness);
    const first = await answer(slug, 'informatsiya', {
      answers: { municipality: { choice: '1' }, satisfaction: { choice: '1' }, sources: { telegram: '1' } },
    });
    expect(first.json().version).toBe(1);
    const edited = await staff.request({
      method: 'PUT',
      url: `/api/staff/surveys/${id}/resources`,
      payload: {
        resources: [{ id: 'site', label: 'Официальный сайт ведомства' }, { label: 'Канал ведомства в MAX' }],
      },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().number).toBe(2);
    const sources = edited.json().questions.find((q: { id: string }) => q.id === 'sources');
    expect(sources.rows).toEqual([
      { id: 'site', label: 'Официальный сайт ведомства', code: '22.1' },
      { id: 'r1', label: 'Канал ведомства в MAX', code: '22.2' },
    ]);
    const gone = await answer(slug, 'informatsiya', {
      answers: { municipality: { choice: '1' }, satisfaction: { choice: '1' }, sources: { telegram: '1' } },
    });
    expect(gone.json()).toMatchObject({ field: 'body.answers.sources.telegram' });
    const second = await answer(slug, 'informatsiya', {
      answers: { municipality: { choice: '1' }, satisfaction: { choice: '1' }, sources: { r1: '2' } },
    });
    expect(second.json().version).toBe(2);
    const detail = (await staff.request({ method: 'GET', url: `/api/staff/surveys/${id}` })).json();
    expect(
      detail.versions.map((v: { number: number; responses: number }) => [v.number, v.responses]),
    ).toEqual([
      [2, 1],
      [1, 1],
    ]);
    const v1 = detail.versions.find((v: { number: number }) => v.number === 1);
    const old = await staff.request({ method: 'GET', url: `/api/staff/surveys/${id}/versions/${v1.id}` });
    expect(old.json().questions.find((q: { id: string }) => q.id === 'sources').rows).toHaveLength(4);
    const responses = (
      await staff.request({ method: 'GET', url: `/api/staff/surveys/${id}/responses` })
    ).json().items;
    expect(
      responses.find((r: { answers: { sources: object } }) => 'telegram' in r.answers.sources).versionId,
    ).toBe(v1.id);
  });

  it('refuses a form whose follow-up names no question above it', async () => {
    const { staff, surveyId: id } = await withSeedForm(harness);
    const current = (await staff.request({ method: 'GET', url: `/api/staff/surveys/${id}` })).json().current
      .definition;
    const broken = {
      ...current,
      questions: current.questions.filter((q: { id: string }) => q.id !== 'ease'),
    };
    const response = await staff.request({ method: 'PUT', url: `/api/staff/surveys/${id}`, payload: broken });
    expect(response.statusCode).toBe(400);
    expect(response.json().field).toMatch(/^body\.questions\.\d+\.showWhen\.question$/);
  });
});

describe('phone and paper', () => {
  it('an operator types in a paper questionnaire by its codes', async () => {
    const { slug, surveyId: id } = await withSeedForm(harness);
    const operator = await colleague(harness, slug, ['operator']);
    const entered = await operator.request({
      method: 'POST',
      url: `/api/staff/surveys/${id}/responses`,
      payload: {
        channel: 'paper',
        codes: { '12': 31, '13': '14.03.2026 10:15', '21': 1, '22.1': 2, '23.1': 3, notFound: 'Контакты' },
      },
    });
    expect(entered.statusCode, entered.body).toBe(201);
    const admin = await colleague(harness, slug, ['analyst']);
    const [stored] = (
      await admin.request({ method: 'GET', url: `/api/staff/surveys/${id}/responses` })
    ).json().items;
    expect(stored).toMatchObject({
      channel: 'paper',
      answers: {
        municipality: { choice: '31' },
        filledAt: '14.03.2026 10:15',
        satisfaction: { choice: '1' },
        sources: { site: '2' },
        ease: { site: 3 },
        notFound: 'Контакты',
      },
    });
    const wrong = await operator.request({
      method: 'POST',
      url: `/api/staff/surveys/${id}/responses`,
      payload: { channel: 'paper', codes: { '12': 1, '21': 1, '23.1': 7 } },
    });
    expect(wrong.json()).toMatchObject({ field: 'body.codes.23.1' });
    const unknown = await operator.request({
      method: 'POST',
      url: `/api/staff/surveys/${id}/responses`,
      payload: { channel: 'paper', codes: { '21': 1, '24': 1 } },
    });
    expect(unknown.json()).toMatchObject({ field: 'body.codes.24' });
  });

  it('a phone answer to the post-call survey records its channel', async () => {
    const { staff } = await agencyWithStaff(harness, ['call_operator']);
    const id = await surveyId(staff, 'post-call');
    const entered = await staff.request({
      method: 'POST',
      url: `/api/staff/surveys/${id}/responses`,
      payload: {
        channel: 'phone',
        answers: { answered: { choice: 'yes' }, consultant: { choice: 'partly' } },
      },
    });
    expect(entered.statusCode, entered.body).toBe(201);
    const audited = await rowsOf<{ entity: string }>(
      harness,
      sql`select entity from audit_log where entity_id = ${entered.json().id}`,
    );
    expect(audited).toEqual([{ entity: 'survey_response' }]);
  });
});

describe('access', () => {
  it('heads read forms and answers but do not edit; operators neither edit nor read answers', async () => {
    const { slug, surveyId: id } = await withSeedForm(harness);
    const head: StaffClient = await colleague(harness, slug, ['head']);
    expect((await head.request({ method: 'GET', url: `/api/staff/surveys/${id}` })).statusCode).toBe(200);
    expect(
      (await head.request({ method: 'GET', url: `/api/staff/surveys/${id}/responses` })).statusCode,
    ).toBe(200);
    expect(
      (
        await head.request({
          method: 'PATCH',
          url: `/api/staff/surveys/${id}`,
          payload: { published: false },
        })
      ).statusCode,
    ).toBe(403);
    const operator = await colleague(harness, slug, ['operator']);
    expect(
      (
        await operator.request({
          method: 'PUT',
          url: `/api/staff/surveys/${id}/resources`,
          payload: { resources: [{ label: 'Сайт' }] },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await operator.request({ method: 'GET', url: `/api/staff/surveys/${id}/responses` })).statusCode,
    ).toBe(403);
  });

  it("another agency's staff can neither read the answers nor change the form", async () => {
    await expectTenantIsolation(harness, {
      async create(staff) {
        const id = await surveyId(staff, 'rate');
        return id;
      },
      requests: (id) => [
        { method: 'GET', url: `/api/staff/surveys/${id}` },
        { method: 'GET', url: `/api/staff/surveys/${id}/responses` },
        {
          method: 'PUT',
          url: `/api/staff/surveys/${id}`,
          payload: { title: 'Чужой', questions: [{ id: 'q', type: 'text', text: 'Вопрос' }] },
        },
        { method: 'PATCH', url: `/api/staff/surveys/${id}`, payload: { published: false } },
        { method: 'POST', url: `/api/staff/surveys/${id}/tokens`, payload: { count: 1 } },
        {
          method: 'POST',
          url: `/api/staff/surveys/${id}/responses`,
          payload: { channel: 'phone', answers: { score: 1 } },
        },
      ],
      lists: ['/api/staff/surveys'],
    });
  });
});
