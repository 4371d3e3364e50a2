import { addDays, addYears } from 'date-fns';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  agencyWithStaff,
  createHarness,
  type Harness,
  type StaffClient,
  submitAppeal,
} from '../../testing/harness.js';
import { enterSeedAnswers, SEED_ANSWERS } from '../../testing/survey-answers.js';
import { colleague, rowsOf, withSeedForm } from '../../testing/surveys.js';
import { expectTenantIsolation } from '../../testing/tenancy.js';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness.close());

const DAY = 86_400_000;
const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10);

async function appeal(slug: string) {
  const response = await submitAppeal(harness, slug, {
    name: 'Иванова Анна',
    email: 'anna@example.ru',
    text: 'На сайте нет графика приёма граждан',
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ number: string }>().number;
}

async function requestIdOf(agencyId: string, number: string) {
  const [row] = await rowsOf<{ id: string }>(
    harness,
    sql`select id from requests where agency_id = ${agencyId} and number = ${number}`,
  );
  if (!row) throw new Error(`request ${number} not in the register`);
  return row.id;
}

const agencyIdOf = (slug: string) => harness.services.agencies.idBySlug(slug);

const decision = (links: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  finding: 'Клиенты не находят график приёма на сайте',
  decision: 'Вынести график приёма на главную страницу сайта',
  ownerId: null,
  dueOn: isoDay(30),
  links: { requestNumbers: [], surveyResponseIds: [], surveyQuestions: [], ...links },
  ...extra,
});

const create = (staff: StaffClient, payload: unknown) =>
  staff.request({ method: 'POST', url: '/api/staff/feedback-actions', payload: payload as object });

describe('decisions from feedback', () => {
  it('records a decision linked to a request and shows it on that request', async () => {
    const a = await agencyWithStaff(harness, ['head']);
    const number = await appeal(a.slug);
    const other = await appeal(a.slug);
    const created = await create(a.staff, decision({ requestNumbers: [number] }, { ownerId: a.userId }));
    expect(created.statusCode, created.body).toBe(201);
    const action = created.json();
    expect(action).toMatchObject({
      status: 'planned',
      ownerId: a.userId,
      ownerName: `Сотрудник ${a.slug}`,
      overdue: false,
      doneOn: null,
    });
    const requestId = await requestIdOf(await agencyIdOf(a.slug), number);
    expect(action.links).toEqual([{ kind: 'request', requestId, number }]);

    // The request card asks for the decisions linked to it: this one, and none on another request.
    const onCard = await a.staff.request({
      method: 'GET',
      url: `/api/staff/feedback-actions?requestId=${requestId}`,
    });
    expect(onCard.json().items.map((i: { id: string }) => i.id)).toEqual([action.id]);
    const otherId = await requestIdOf(await agencyIdOf(a.slug), other);
    const onOther = await a.staff.request({
      method: 'GET',
      url: `/api/staff/feedback-actions?requestId=${otherId}`,
    });
    expect(onOther.json().total).toBe(0);
  });

  it('links survey answers and questions, and the survey finds its decisions', async () => {
    const a = await withSeedForm(harness, ['admin']);
    await enterSeedAnswers(a.staff, a.surveyId, SEED_ANSWERS.slice(0, 2));
    const responses = (
      await a.staff.request({ method: 'GET', url: `/api/staff/surveys/${a.surveyId}/responses` })
    ).json<{ items: { id: string }[] }>().items;
    const responseId = responses[0]?.id as string;
    const created = await create(
      a.staff,
      decision({
        surveyResponseIds: [responseId, responseId],
        surveyQuestions: [{ surveyId: a.surveyId, question: 'satisfaction' }],
      }),
    );
    expect(created.statusCode, created.body).toBe(201);
    const links = created.json().links;
    expect(links).toHaveLength(2);
    expect(links).toContainEqual(
      expect.objectContaining({ kind: 'survey_response', surveyId: a.surveyId, responseId }),
    );
    expect(links).toContainEqual(
      expect.objectContaining({ kind: 'survey_question', surveyId: a.surveyId, question: 'satisfaction' }),
    );
    expect(links[0].surveyTitle).not.toBe('');
    const bySurvey = await a.staff.request({
      method: 'GET',
      url: `/api/staff/feedback-actions?surveyId=${a.surveyId}`,
    });
    expect(bySurvey.json().items.map((i: { id: string }) => i.id)).toEqual([created.json().id]);

    const unknownQuestion = await create(
      a.staff,
      decision({ surveyQuestions: [{ surveyId: a.surveyId, question: 'no-such-question' }] }),
    );
    expect(unknownQuestion.statusCode).toBe(400);
    expect(unknownQuestion.json()).toMatchObject({
      field: 'body.links.surveyQuestions.0',
      message: 'Такого вопроса в опросах ведомства нет',
    });
  });

  it('rejects bad input with a Russian message naming the field', async () => {
    const a = await agencyWithStaff(harness, ['analyst']);
    const number = await appeal(a.slug);
    const cases: [unknown, string, string | RegExp][] = [
      [decision({ requestNumbers: [number] }, { finding: '   ' }), 'body.finding', /./],
      [decision({ requestNumbers: [number] }, { dueOn: '2026-02-30' }), 'body.dueOn', /./],
      [decision({}), 'body.links', 'Укажите обращения или ответы опросов, по которым принято решение'],
      [
        decision({ requestNumbers: [number, 'НЕТ-0000'] }),
        'body.links.requestNumbers.1',
        'Обращение № НЕТ-0000 в ведомстве не найдено',
      ],
      [
        decision({ requestNumbers: [number] }, { ownerId: '00000000-0000-4000-8000-000000000000' }),
        'body.ownerId',
        'Ответственный должен быть сотрудником ведомства',
      ],
      [
        decision({ requestNumbers: [number] }, { departmentId: '00000000-0000-4000-8000-000000000000' }),
        'body.departmentId',
        'Такого подразделения в ведомстве нет',
      ],
    ];
    for (const [payload, field, message] of cases) {
      const response = await create(a.staff, payload);
      expect(response.statusCode, field).toBe(400);
      const body = response.json();
      expect(body.field).toBe(field);
      expect(body.message).toMatch(message);
      expect(body.message).toMatch(/[а-яё]/i);
    }
    const stored = await rowsOf<{ n: number }>(
      harness,
      sql`select count(*)::int as n from feedback_actions where agency_id = ${await agencyIdOf(a.slug)}`,
    );
    expect(stored[0]?.n).toBe(0);
  });

  it("never links to another agency's request, answer or survey, nor names its staff the owner", async () => {
    const a = await withSeedForm(harness, ['admin']);
    const b = await withSeedForm(harness, ['admin']);
    // Numbers run per agency: B's second request has a number A never issued.
    const own = await appeal(a.slug);
    await appeal(b.slug);
    const foreign = await appeal(b.slug);
    await enterSeedAnswers(b.staff, b.surveyId, SEED_ANSWERS.slice(0, 1));
    const foreignResponse = (
      await b.staff.request({ method: 'GET', url: `/api/staff/surveys/${b.surveyId}/responses` })
    ).json().items[0].id;

    const byRequest = await create(a.staff, decision({ requestNumbers: [own, foreign] }));
    expect(byRequest.statusCode).toBe(400);
    expect(byRequest.json().field).toBe('body.links.requestNumbers.1');
    const byResponse = await create(a.staff, decision({ surveyResponseIds: [foreignResponse] }));
    expect(byResponse.json()).toMatchObject({ field: 'body.links.surveyResponseIds.0' });
    const bySurvey = await create(
      a.staff,
      decision({ surveyQuestions: [{ surveyId: b.surveyId, question: 'satisfaction' }] }),
    );
    expect(bySurvey.json()).toMatchObject({ field: 'body.links.surveyQuestions.0' });
    const byOwner = await create(a.staff, decision({ requestNumbers: [own] }, { ownerId: b.userId }));
    expect(byOwner.json()).toMatchObject({ field: 'body.ownerId' });
  });

  it("hides one agency's decisions from another", async () => {
    await expectTenantIsolation(harness, {
      roles: ['admin'],
      async create(staff) {
        const slug = staff.info.currentAgency as string;
        const response = await create(staff, decision({ requestNumbers: [await appeal(slug)] }));
        expect(response.statusCode, response.body).toBe(201);
        return response.json().id;
      },
      requests: (id) => [
        { method: 'GET', url: `/api/staff/feedback-actions/${id}` },
        {
          method: 'PUT',
          url: `/api/staff/feedback-actions/${id}`,
          payload: decision({ requestNumbers: [] }),
        },
        {
          method: 'POST',
          url: `/api/staff/feedback-actions/${id}/status`,
          payload: { status: 'in_progress' },
        },
      ],
      lists: ['/api/staff/feedback-actions'],
    });
  });

  it('goes planned → in progress → done with a result, flags overdue, and audits each change', async () => {
    const a = await agencyWithStaff(harness, ['head']);
    const number = await appeal(a.slug);
    const late = (
      await create(a.staff, decision({ requestNumbers: [number] }, { dueOn: isoDay(-3) }))
    ).json();
    const onTime = (
      await create(a.staff, decision({ requestNumbers: [number] }, { dueOn: isoDay(10) }))
    ).json();
    expect(late.overdue).toBe(true);
    expect(onTime.overdue).toBe(false);
    expect(await harness.services.feedbackActions.countOpenAndOverdue(await agencyIdOf(a.slug))).toEqual({
      open: 2,
      overdue: 1,
    });
    const overdueOnly = await a.staff.request({
      method: 'GET',
      url: '/api/staff/feedback-actions?overdue=true',
    });
    expect(overdueOnly.json().items.map((i: { id: string }) => i.id)).toEqual([late.id]);

    const status = (payload: object) =>
      a.staff.request({ method: 'POST', url: `/api/staff/feedback-actions/${late.id}/status`, payload });
    expect((await status({ status: 'in_progress' })).json()).toMatchObject({
      status: 'in_progress',
      overdue: true,
    });
    const noResult = await status({ status: 'done' });
    expect(noResult.json()).toMatchObject({
      field: 'body.result',
      message: 'Опишите результат выполненного решения',
    });
    const future = await status({ status: 'done', result: 'Сделано', doneOn: isoDay(5) });
    expect(future.json()).toMatchObject({ field: 'body.doneOn' });
    const done = await status({ status: 'done', result: 'График размещён на главной', doneOn: isoDay(-1) });
    expect(done.json()).toMatchObject({
      status: 'done',
      doneOn: isoDay(-1),
      result: 'График размещён на главной',
      overdue: false,
    });
    expect(await harness.services.feedbackActions.countOpenAndOverdue(await agencyIdOf(a.slug))).toEqual({
      open: 1,
      overdue: 0,
    });
    // Reopening clears the done date: the database refuses a done decision without one and vice versa.
    expect((await status({ status: 'in_progress' })).json()).toMatchObject({
      status: 'in_progress',
      doneOn: null,
    });

    const entries = await rowsOf<{ action: string; status: string; actor_id: string }>(
      harness,
      sql`select action, after->>'status' as status, actor_id from audit_log
          where agency_id = ${await agencyIdOf(a.slug)} and entity = 'feedback_action' and entity_id = ${late.id} order by id`,
    );
    expect(entries.every((e) => e.actor_id === a.userId)).toBe(true);
    expect(entries.map((e) => [e.action, e.status])).toEqual([
      ['create', 'planned'],
      ['update', 'in_progress'],
      ['update', 'done'],
      ['update', 'in_progress'],
    ]);
  });

  it('sorts, filters and pages the log', async () => {
    const a = await agencyWithStaff(harness, ['admin']);
    const number = await appeal(a.slug);
    for (const [offset, finding] of [
      [20, 'Третий'],
      [5, 'Первый про сайт'],
      [10, 'Второй'],
    ] as const) {
      const response = await create(
        a.staff,
        decision(
          { requestNumbers: [number] },
          { dueOn: isoDay(offset), finding, decision: 'Обсудить на совещании' },
        ),
      );
      expect(response.statusCode).toBe(201);
    }
    const list = (query: string) =>
      a.staff.request({ method: 'GET', url: `/api/staff/feedback-actions?${query}` }).then((r) => r.json());
    const findings = (page: { items: { finding: string }[] }) => page.items.map((i) => i.finding);
    expect(findings(await list('sort=dueOn&order=asc'))).toEqual(['Первый про сайт', 'Второй', 'Третий']);
    expect(findings(await list('sort=dueOn&order=desc'))).toEqual(['Третий', 'Второй', 'Первый про сайт']);
    const paged = await list('sort=dueOn&order=asc&pageSize=2&page=2');
    expect(paged).toMatchObject({ total: 3, pages: 2, page: 2 });
    expect(findings(paged)).toEqual(['Третий']);
    expect(findings(await list(`search=${encodeURIComponent('сайт')}`))).toEqual(['Первый про сайт']);
    expect((await list('status=done')).total).toBe(0);
    const badSort = await a.staff.request({ method: 'GET', url: '/api/staff/feedback-actions?sort=finding' });
    expect(badSort.statusCode).toBe(400);
    expect(badSort.json().field).toMatch(/^query/);
  });

  it('lets staff read the log but only heads, analysts and admins write it', async () => {
    const a = await agencyWithStaff(harness, ['head']);
    const number = await appeal(a.slug);
    const action = (await create(a.staff, decision({ requestNumbers: [number] }))).json();
    const operator = await colleague(harness, a.slug, ['operator']);
    expect((await operator.request({ method: 'GET', url: '/api/staff/feedback-actions' })).json().total).toBe(
      1,
    );
    expect((await create(operator, decision({ requestNumbers: [number] }))).statusCode).toBe(403);
    const edit = await operator.request({
      method: 'POST',
      url: `/api/staff/feedback-actions/${action.id}/status`,
      payload: { status: 'in_progress' },
    });
    expect(edit.statusCode).toBe(403);
    const analyst = await colleague(harness, a.slug, ['analyst']);
    const update = await analyst.request({
      method: 'PUT',
      url: `/api/staff/feedback-actions/${action.id}`,
      payload: decision({ requestNumbers: [number] }, { decision: 'Обновить раздел «Приём граждан»' }),
    });
    expect(update.statusCode, update.body).toBe(200);
    expect(update.json().decision).toBe('Обновить раздел «Приём граждан»');
  });

  it('outlives a request the retention job purges (clock shifted five years), losing only that link', async () => {
    const a = await agencyWithStaff(harness, ['admin']);
    const number = await appeal(a.slug);
    const agencyId = await agencyIdOf(a.slug);
    // Finished long ago: the lifecycle is not under test here.
    await harness.services.database.db.execute(
      sql`update requests set status = 'closed' where agency_id = ${agencyId} and number = ${number}`,
    );
    const action = (await create(a.staff, decision({ requestNumbers: [number] }))).json();
    const { results } = await harness.services.retention.purgeExpired(addDays(addYears(new Date(), 5), 1), {
      agencyIds: [agencyId],
    });
    expect(results).toEqual([expect.objectContaining({ agencyId, requests: 1 })]);
    const after = await a.staff.request({ method: 'GET', url: `/api/staff/feedback-actions/${action.id}` });
    expect(after.statusCode).toBe(200);
    expect(after.json()).toMatchObject({ decision: action.decision, links: [] });
  });
});
