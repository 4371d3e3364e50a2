import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rootDir } from '../../config.js';
import { agencyWithStaff, createHarness, type Harness, type StaffClient } from '../../testing/harness.js';
import { kbArticle, kbSection } from '../../testing/kb.js';
import { expectTenantIsolation } from '../../testing/tenancy.js';
import { loadTemplatePresets, readTemplatePresets } from './presets.js';
import { renderTemplate } from './render.js';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness.close());

const FORMAL =
  'Уважаемый(ая) {{клиент}}! Обращение № {{номер}} от {{дата_поступления}} рассмотрим до {{срок}}. {{исполнитель}}';
const SHORT = '{{клиент}}, ответим до {{срок}}!';

async function template(staff: StaffClient, extra: Record<string, unknown> = {}) {
  return kbArticle(staff, {
    sectionId: await kbSection(staff),
    kind: 'template',
    title: 'Ответ о сроках',
    body: FORMAL,
    shortBody: SHORT,
    ...extra,
  });
}

async function agencyIdOf(staff: StaffClient) {
  return (await harness.services.agencies.findBySlug(staff.info.currentAgency ?? ''))?.id ?? '';
}

async function portalAppeal(slug: string, staff: StaffClient) {
  const response = await harness.app.inject({
    method: 'POST',
    url: `/api/public/${slug}/requests`,
    payload: { kind: 'appeal', text: 'Вопрос', name: 'Орлова Вера', consent: true },
  });
  const list = await staff.request({ method: 'GET', url: `/api/staff/requests?q=${response.json().number}` });
  return list.json().items[0] as { id: string; number: string; receivedAt: string; dueAt: string };
}

/** A request that came from a network: by its own channel, or by e-mail with answers routed to a chat. */
async function networkRequest(staff: StaffClient, channel: 'telegram' | 'email', network?: 'vk') {
  const { row } = await harness.services.requests.registerFromChannel(await agencyIdOf(staff), {
    kind: 'appeal',
    channel,
    text: 'Когда ответите?',
    name: 'Мария Соколова',
    email: null,
    phone: null,
    notifyByEmail: false,
    externalId: `m-${Math.random()}`,
    ...(network ? { replyRoute: { network, accountId: null, recipient: 'chat-1' } } : {}),
  });
  return row;
}

const date = (iso: string | Date) =>
  new Intl.DateTimeFormat('ru-RU', { dateStyle: 'long', timeZone: 'Asia/Novosibirsk' }).format(new Date(iso));

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
  it('renders the formal variant for a portal request, in the agency time zone, reporting unknown placeholders', async () => {
    const { slug, staff } = await agencyWithStaff(harness);
    const request = await portalAppeal(slug, staff);
    const id = await template(staff, { body: `${FORMAL} {{подпись}}` });
    const rendered = await staff.request({
      method: 'GET',
      url: `/api/staff/requests/${request.id}/templates/${id}/render`,
    });
    expect(rendered.statusCode, rendered.body).toBe(200);
    expect(rendered.json()).toEqual({
      text: `Уважаемый(ая) Орлова Вера! Обращение № ${request.number} от ${date(request.receivedAt)} рассмотрим до ${date(request.dueAt)}. Сотрудник ${slug} {{подпись}}`,
      unknown: ['подпись'],
      variant: 'formal',
    });
    const forced = await staff.request({
      method: 'GET',
      url: `/api/staff/requests/${request.id}/templates/${id}/render?variant=short`,
    });
    expect(forced.json()).toMatchObject({
      text: `Орлова Вера, ответим до ${date(request.dueAt)}!`,
      variant: 'short',
    });
  });

  it('gives a request from a social network or messenger the short variant, else the formal one as fallback', async () => {
    const { staff } = await agencyWithStaff(harness);
    const id = await template(staff);
    const onlyFormal = await template(staff, { title: 'Без короткого', shortBody: null });
    for (const request of [
      await networkRequest(staff, 'telegram'),
      await networkRequest(staff, 'email', 'vk'),
    ]) {
      const rendered = await staff.request({
        method: 'GET',
        url: `/api/staff/requests/${request.id}/templates/${id}/render`,
      });
      expect(rendered.json()).toEqual({
        text: `Мария Соколова, ответим до ${date(request.dueAt)}!`,
        unknown: [],
        variant: 'short',
      });
      const fallback = await staff.request({
        method: 'GET',
        url: `/api/staff/requests/${request.id}/templates/${onlyFormal}/render`,
      });
      expect(fallback.json().text).toMatch(/^Уважаемый\(ая\) Мария Соколова!/);
    }
    const email = await networkRequest(staff, 'email');
    const formal = await staff.request({
      method: 'GET',
      url: `/api/staff/requests/${email.id}/templates/${id}/render`,
    });
    expect(formal.json().variant).toBe('formal');
  });

  it('previews both variants of a text being written with a request chosen by its number', async () => {
    const { staff } = await agencyWithStaff(harness);
    const request = await networkRequest(staff, 'telegram');
    const preview = await staff.request({
      method: 'POST',
      url: '/api/staff/kb/templates/preview',
      payload: {
        requestNumber: ` ${request.number} `,
        body: 'Уважаемый(ая) {{клиент}}!',
        shortBody: '{{клиент}}, привет',
      },
    });
    expect(preview.json()).toEqual({
      request: { id: request.id, number: request.number, channel: 'telegram' },
      chosen: 'short',
      formal: { text: 'Уважаемый(ая) Мария Соколова!', unknown: [] },
      short: { text: 'Мария Соколова, привет', unknown: [] },
    });
    const missing = await staff.request({
      method: 'POST',
      url: '/api/staff/kb/templates/preview',
      payload: { requestNumber: '1999-99999', body: 'x', shortBody: null },
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().message).toBe('Обращения № 1999-99999 нет');
  });

  it('lists active templates for the pickers; an archived one is neither listed nor rendered', async () => {
    const { slug, staff } = await agencyWithStaff(harness);
    const id = await template(staff);
    await kbArticle(staff, { sectionId: await kbSection(staff), title: 'Не шаблон' });
    const listed = (await staff.request({ method: 'GET', url: '/api/staff/kb/templates' })).json();
    expect(listed).toEqual([
      { id, title: 'Ответ о сроках', departmentId: null, hasShortBody: true, starter: false },
    ]);
    await staff.request({ method: 'POST', url: `/api/staff/kb/articles/${id}/archive` });
    expect((await staff.request({ method: 'GET', url: '/api/staff/kb/templates' })).json()).toEqual([]);
    const request = await portalAppeal(slug, staff);
    const rendered = await staff.request({
      method: 'GET',
      url: `/api/staff/requests/${request.id}/templates/${id}/render`,
    });
    expect(rendered.statusCode).toBe(404);
  });

  it('keeps templates within their agency', async () => {
    await expectTenantIsolation(harness, {
      create: (staffOfA) => template(staffOfA),
      requests: (id) => [
        {
          method: 'GET',
          url: `/api/staff/requests/00000000-0000-4000-8000-000000000000/templates/${id}/render`,
        },
      ],
      lists: ['/api/staff/kb/templates'],
    });
    // A request of another agency cannot be rendered or previewed with one's own template either.
    const a = await agencyWithStaff(harness);
    const b = await agencyWithStaff(harness);
    const requestOfA = await portalAppeal(a.slug, a.staff);
    const templateOfB = await template(b.staff);
    const response = await b.staff.request({
      method: 'GET',
      url: `/api/staff/requests/${requestOfA.id}/templates/${templateOfB}/render`,
    });
    expect(response.statusCode).toBe(404);
    const preview = await b.staff.request({
      method: 'POST',
      url: '/api/staff/kb/templates/preview',
      payload: { requestNumber: requestOfA.number, body: 'x', shortBody: null },
    });
    expect(preview.statusCode).toBe(404);
  });

  it('seeds the starter templates once per agency, with their short variants, and never again', async () => {
    const { slug, staff } = await agencyWithStaff(harness);
    const agency = await harness.services.agencies.findBySlug(slug);
    if (!agency) throw new Error('no agency');
    const presets = readTemplatePresets(join(rootDir, 'presets', 'kb', 'answer-templates.json'));
    const db = harness.services.database.db;
    await loadTemplatePresets(db, [agency], presets);
    const seeded = (await staff.request({ method: 'GET', url: '/api/staff/kb/templates' })).json();
    const common = presets.filter((p) => p.agencies.includes('*'));
    expect(seeded.length).toBe(common.length);
    expect(seeded.every((t: { starter: boolean }) => t.starter)).toBe(true);
    expect(seeded.filter((t: { hasShortBody: boolean }) => t.hasShortBody).length).toBe(
      common.filter((p) => p.shortBody).length,
    );
    for (const t of seeded) {
      await staff.request({ method: 'POST', url: `/api/staff/kb/articles/${t.id}/archive` });
    }
    await loadTemplatePresets(db, [agency], presets);
    expect((await staff.request({ method: 'GET', url: '/api/staff/kb/templates' })).json()).toEqual([]);
  });
});
