import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rootDir } from '../../config.js';
import { agencyWithStaff, createHarness, type Harness, type StaffClient } from '../../testing/harness.js';
import { expectTenantIsolation } from '../../testing/tenancy.js';
import { loadTemplatePresets, readTemplatePresets } from './presets.js';
import { renderTemplate } from './render.js';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness.close());

const template = {
  title: 'Ответ о сроках',
  body: 'Уважаемый(ая) {{клиент}}! Обращение № {{номер}} от {{дата_поступления}} рассмотрим до {{срок}}. {{исполнитель}}',
  variant: 'letter',
  departmentId: null,
};

const create = (staff: StaffClient, payload: object = template) =>
  staff.request({ method: 'POST', url: '/api/staff/answer-templates', payload });

async function submitAppeal(slug: string, staff: StaffClient) {
  const response = await harness.app.inject({
    method: 'POST',
    url: `/api/public/${slug}/requests`,
    payload: { kind: 'appeal', text: 'Вопрос', name: 'Орлова Вера', consent: true },
  });
  const list = await staff.request({ method: 'GET', url: `/api/staff/requests?q=${response.json().number}` });
  return list.json().items[0] as { id: string; number: string; receivedAt: string; dueAt: string };
}

describe('renderTemplate', () => {
  const facts = {
    client: 'Орлова Вера',
    number: '2026-00001',
    receivedAt: '1 марта',
    dueAt: '31 марта',
    executor: 'Петров',
  };

  it('fills Russian placeholders and their English aliases, spaces inside braces allowed', () => {
    expect(renderTemplate('{{ клиент }}, № {{number}}, до {{срок}}', facts)).toEqual({
      text: 'Орлова Вера, № 2026-00001, до 31 марта',
      unknown: [],
    });
  });

  it('reports an unknown placeholder once and keeps it in the text', () => {
    expect(renderTemplate('{{клиент}} {{адрес}} {{адрес}}', facts)).toEqual({
      text: 'Орлова Вера {{адрес}} {{адрес}}',
      unknown: ['адрес'],
    });
  });
});

describe('answer templates', () => {
  it('creates, finds, edits and archives a template; the archive is listed apart', async () => {
    const { staff } = await agencyWithStaff(harness);
    const created = await create(staff);
    expect(created.statusCode, created.body).toBe(201);
    const { id } = created.json();
    await create(staff, {
      ...template,
      title: 'Короткий ответ в соцсети',
      variant: 'short',
      body: 'Спасибо!',
    });

    const found = await staff.request({ method: 'GET', url: '/api/staff/answer-templates?q=срок' });
    expect(found.json().map((t: { title: string }) => t.title)).toEqual(['Ответ о сроках']);

    const edited = await staff.request({
      method: 'PATCH',
      url: `/api/staff/answer-templates/${id}`,
      payload: { title: 'Ответ о сроке рассмотрения', active: false },
    });
    expect(edited.json()).toMatchObject({
      title: 'Ответ о сроке рассмотрения',
      active: false,
      starter: false,
    });
    const active = await staff.request({ method: 'GET', url: '/api/staff/answer-templates' });
    expect(active.json().map((t: { title: string }) => t.title)).toEqual(['Короткий ответ в соцсети']);
    const archived = await staff.request({ method: 'GET', url: '/api/staff/answer-templates?archived=true' });
    expect(archived.json().map((t: { id: string }) => t.id)).toEqual([id]);

    const audit = await staff.request({ method: 'GET', url: '/api/staff/audit?entity=answer_template' });
    expect(audit.json().total).toBe(3);
  });

  it('rejects an empty body and a department of another agency, and operators may not edit', async () => {
    const { staff } = await agencyWithStaff(harness);
    const empty = await create(staff, { ...template, body: '   ' });
    expect(empty.json()).toMatchObject({ field: 'body.body' });
    const other = await agencyWithStaff(harness);
    const department = await other.staff.request({
      method: 'POST',
      url: '/api/staff/departments',
      payload: { name: 'Отдел' },
    });
    const foreign = await create(staff, { ...template, departmentId: department.json().id });
    expect(foreign.json()).toMatchObject({ field: 'body.departmentId' });
    const operator = await agencyWithStaff(harness, ['operator']);
    expect((await create(operator.staff)).statusCode).toBe(403);
  });

  it('renders a template with a real request, in the agency time zone, and reports unknown placeholders', async () => {
    const { slug, staff } = await agencyWithStaff(harness);
    const request = await submitAppeal(slug, staff);
    const { id } = (await create(staff, { ...template, body: `${template.body} {{подпись}}` })).json();
    const rendered = await staff.request({
      method: 'GET',
      url: `/api/staff/requests/${request.id}/templates/${id}/render`,
    });
    expect(rendered.statusCode, rendered.body).toBe(200);
    const date = (iso: string) =>
      new Intl.DateTimeFormat('ru-RU', { dateStyle: 'long', timeZone: 'Asia/Novosibirsk' }).format(
        new Date(iso),
      );
    expect(rendered.json()).toEqual({
      text: `Уважаемый(ая) Орлова Вера! Обращение № ${request.number} от ${date(request.receivedAt)} рассмотрим до ${date(request.dueAt)}. Сотрудник ${slug} {{подпись}}`,
      unknown: ['подпись'],
    });
  });

  it('keeps templates within their agency', async () => {
    await expectTenantIsolation(harness, {
      create: async (staffOfA) => (await create(staffOfA)).json().id,
      requests: (id) => [
        { method: 'PATCH', url: `/api/staff/answer-templates/${id}`, payload: { title: 'Чужой' } },
        {
          method: 'GET',
          url: `/api/staff/requests/00000000-0000-4000-8000-000000000000/templates/${id}/render`,
        },
      ],
      lists: ['/api/staff/answer-templates'],
    });
    // A request of another agency cannot be rendered with one's own template either.
    const a = await agencyWithStaff(harness);
    const b = await agencyWithStaff(harness);
    const requestOfA = await submitAppeal(a.slug, a.staff);
    const templateOfB = (await create(b.staff)).json().id;
    const response = await b.staff.request({
      method: 'GET',
      url: `/api/staff/requests/${requestOfA.id}/templates/${templateOfB}/render`,
    });
    expect(response.statusCode).toBe(404);
  });

  it('seeds the starter templates once per agency and never again after staff changed them', async () => {
    const { slug, staff } = await agencyWithStaff(harness);
    const agency = await harness.services.agencies.findBySlug(slug);
    if (!agency) throw new Error('no agency');
    const presets = readTemplatePresets(join(rootDir, 'presets', 'kb', 'answer-templates.json'));
    const db = harness.services.database.db;
    await loadTemplatePresets(db, [agency], presets);
    const seeded = (await staff.request({ method: 'GET', url: '/api/staff/answer-templates' })).json();
    expect(seeded.length).toBe(presets.filter((p) => p.agencies.includes('*')).length);
    expect(seeded.every((t: { starter: boolean }) => t.starter)).toBe(true);
    for (const t of seeded) {
      await staff.request({
        method: 'PATCH',
        url: `/api/staff/answer-templates/${t.id}`,
        payload: { active: false },
      });
    }
    await loadTemplatePresets(db, [agency], presets);
    expect((await staff.request({ method: 'GET', url: '/api/staff/answer-templates' })).json()).toEqual([]);
  });
});
