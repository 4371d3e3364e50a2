import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencyWithStaff, createHarness, type Harness, type StaffClient } from '../../testing/harness.js';
import { kbArticle, kbSection } from '../../testing/kb.js';
import { expectTenantIsolation } from '../../testing/tenancy.js';
import { auditLog } from '../audit/schema.js';
import { requests } from '../requests/schema.js';
import { outboundMessages, socialItems } from './schema.js';

const PUBLIC_URL = 'https://otklik.example.ru';

describe('social inbox: the queue and its quick actions', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await createHarness({ PUBLIC_URL });
  });
  afterAll(() => harness.close());

  const db = () => harness.services.database.db;

  async function agencyIdOf(staff: StaffClient) {
    const agency = await harness.services.agencies.findBySlug(staff.info.currentAgency as string);
    return agency?.id as string;
  }

  async function seed(
    agencyId: string,
    item: Partial<Parameters<Harness['services']['socialInbox']['ingest']>[0]> = {},
  ) {
    const { id } = await harness.services.socialInbox.ingest({
      agencyId,
      accountId: null,
      network: 'telegram',
      kind: 'comment',
      externalId: randomUUID(),
      threadId: 'post-17',
      threadTitle: 'Приём заявок на гранты',
      authorId: 'user-501',
      authorName: 'Мария Соколова',
      text: 'Когда закончится приём заявок?',
      receivedAt: new Date('2026-11-20T05:00:00Z'),
      ...item,
    });
    return id as string;
  }

  const repliesTo = (itemId: string) =>
    db()
      .select({ outbound: outboundMessages })
      .from(socialItems)
      .innerJoin(outboundMessages, eq(outboundMessages.id, socialItems.replyId))
      .where(eq(socialItems.id, itemId));

  const itemRow = async (id: string) =>
    (await db().select().from(socialItems).where(eq(socialItems.id, id)))[0];

  const post = (staff: StaffClient, id: string, action: string, payload?: object) =>
    staff.request({
      method: 'POST',
      url: `/api/staff/social/${id}/${action}`,
      ...(payload ? { payload } : {}),
    });

  it('lists the queue newest first with thread sizes, counts per status and filters', async () => {
    const { staff } = await agencyWithStaff(harness, ['operator']);
    const agency = { id: await agencyIdOf(staff) };
    const older = await seed(agency.id, { receivedAt: new Date('2026-11-01T00:00:00Z') });
    const newer = await seed(agency.id, { receivedAt: new Date('2026-11-02T00:00:00Z') });
    const message = await seed(agency.id, {
      network: 'vk',
      kind: 'message',
      threadId: '2000000001',
      threadTitle: null,
      receivedAt: new Date('2026-11-03T00:00:00Z'),
    });
    await post(staff, older, 'dismiss', { reason: 'Спам' });

    const all = await staff.request({ method: 'GET', url: '/api/staff/social' });
    expect(all.statusCode).toBe(200);
    const page = all.json();
    expect(page.items.map((i: { id: string }) => i.id)).toEqual([message, newer, older]);
    expect(page.counts).toMatchObject({ new: 2, dismissed: 1, answered: 0 });
    const comment = page.items.find((i: { id: string }) => i.id === newer);
    expect(comment).toMatchObject({
      threadId: 'post-17',
      threadTitle: 'Приём заявок на гранты',
      threadSize: 2,
    });

    const vkNew = await staff.request({ method: 'GET', url: '/api/staff/social?status=new&network=vk' });
    expect(vkNew.json().items.map((i: { id: string }) => i.id)).toEqual([message]);
    expect(vkNew.json().counts).toMatchObject({ new: 1, dismissed: 0 });

    const paged = await staff.request({ method: 'GET', url: '/api/staff/social?pageSize=1&page=2' });
    expect(paged.json()).toMatchObject({ total: 3, pages: 3, items: [{ id: newer }] });

    const bogus = await staff.request({ method: 'GET', url: '/api/staff/social?status=spam' });
    expect(bogus.statusCode).toBe(400);
    expect(bogus.json().field).toBe('query.status');
  });

  it('answers a comment in its thread through the outbox, once, and audits it', async () => {
    const { staff } = await agencyWithStaff(harness, ['operator']);
    const agency = { id: await agencyIdOf(staff) };
    const id = await seed(agency.id, { externalId: 'comment-77' });
    const answered = await post(staff, id, 'answer', { text: '  Приём идёт до 1 декабря 🙂 ' });
    expect(answered.statusCode).toBe(204);

    const [reply] = await repliesTo(id);
    expect(reply?.outbound).toMatchObject({
      agencyId: agency.id,
      network: 'telegram',
      recipient: 'post-17',
      thread: { kind: 'comment', postId: 'post-17', commentId: 'comment-77', authorId: 'user-501' },
      body: 'Приём идёт до 1 декабря 🙂',
      status: 'pending',
    });
    expect(await itemRow(id)).toMatchObject({ status: 'answered', handledBy: staff.info.user.id });
    const audit = await db().select().from(auditLog).where(eq(auditLog.entityId, id));
    expect(audit[0]).toMatchObject({ entity: 'social_item', after: { status: 'answered' } });

    const again = await post(staff, id, 'answer', { text: 'Ещё раз' });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('уже обработано');
    expect(await repliesTo(id)).toHaveLength(1);

    const listed = await staff.request({ method: 'GET', url: '/api/staff/social?status=answered' });
    expect(listed.json().items[0]).toMatchObject({ id, replyStatus: 'pending' });
  });

  it('refuses empty, too long and unknown answers with a Russian message and a field', async () => {
    const { staff } = await agencyWithStaff(harness, ['operator']);
    const agency = { id: await agencyIdOf(staff) };
    const id = await seed(agency.id);
    const tooLong = await post(staff, id, 'answer', { text: 'а'.repeat(4001) });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().field).toBe('body.text');
    const blank = await post(staff, id, 'answer', { text: '   ' });
    expect(blank.json()).toMatchObject({ field: 'body.text', message: 'Напишите ответ или выберите шаблон' });
    const extra = await post(staff, id, 'answer', { text: 'Да', to: 'someone-else' });
    expect(extra.statusCode).toBe(400);
    const unknown = await post(staff, randomUUID(), 'answer', { text: 'Да' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().message).toBe('Сообщение из соцсети не найдено');
    expect((await itemRow(id))?.status).toBe('new');
  });

  it('answers from a template filled with the author, refusing one that needs a request number', async () => {
    const { staff } = await agencyWithStaff(harness, ['admin']);
    const agency = { id: await agencyIdOf(staff) };
    const id = await seed(agency.id, { kind: 'message', threadId: 'chat-9', externalId: 'msg-1' });
    const sectionId = await kbSection(staff);
    const template = (shortBody: string, body = 'Уважаемый(ая) {{клиент}}! Ответ в письме.') =>
      kbArticle(staff, { sectionId, kind: 'template', title: 'Ответ', body, shortBody });
    // The short variant is what goes into a thread; a template without one falls back to the formal text.
    const friendly = await template('{{клиент}}, спасибо за вопрос! Приём заявок до 1 декабря.');
    const numbered = await kbArticle(staff, {
      sectionId,
      kind: 'template',
      title: 'Только для писем',
      body: 'Ваше обращение № {{номер}} зарегистрировано',
    });

    const preview = await staff.request({
      method: 'GET',
      url: `/api/staff/social/${id}/templates/${numbered}`,
    });
    expect(preview.json()).toEqual({
      text: 'Ваше обращение № {{номер}} зарегистрировано',
      unknown: ['номер'],
    });
    const refused = await post(staff, id, 'answer', { templateId: numbered });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().field).toBe('body.templateId');
    const foreign = await post(staff, id, 'answer', { templateId: randomUUID() });
    expect(foreign.statusCode).toBe(404);

    expect((await post(staff, id, 'answer', { templateId: friendly })).statusCode).toBe(204);
    const [reply] = await repliesTo(id);
    expect(reply?.outbound).toMatchObject({
      recipient: 'chat-9',
      thread: { kind: 'message', replyTo: 'msg-1', authorId: 'user-501' },
      body: 'Мария Соколова, спасибо за вопрос! Приём заявок до 1 декабря.',
    });
  });

  it('invites to an individual channel with the portal form link and the agency e-mail', async () => {
    const { slug, staff } = await agencyWithStaff(harness, ['admin']);
    const agency = { id: await agencyIdOf(staff) };
    const first = await seed(agency.id, { network: 'ok', kind: 'message', threadId: 'chat:C1' });
    expect((await post(staff, first, 'invite')).statusCode).toBe(204);
    const [plain] = await repliesTo(first);
    expect(plain?.outbound).toMatchObject({ network: 'ok', recipient: 'chat:C1' });
    expect(plain?.outbound.body).toContain(`${PUBLIC_URL}/${slug}/`);
    expect(plain?.outbound.body).not.toContain('{{');
    expect((await itemRow(first))?.status).toBe('invited');
    expect((await post(staff, first, 'invite')).statusCode).toBe(409);

    // Without a public e-mail the invitation may not promise one.
    const needsMail = await staff.request({
      method: 'PUT',
      url: '/api/staff/social/settings',
      payload: { inviteText: 'Напишите на {{почта}}' },
    });
    expect(needsMail.statusCode).toBe(400);
    expect(needsMail.json().field).toBe('body.inviteText');

    await staff.request({
      method: 'POST',
      url: '/api/staff/touchpoints',
      payload: {
        kind: 'email',
        mode: 'digital',
        title: 'Электронная почта',
        value: 'priemnaya@example.ru',
        hours: null,
        note: null,
        isPublic: true,
        sortOrder: 1,
      },
    });
    const saved = await staff.request({
      method: 'PUT',
      url: '/api/staff/social/settings',
      payload: { inviteText: '{{клиент}}, напишите нам: {{ссылка}} или {{почта}}' },
    });
    expect(saved.json()).toMatchObject({
      preview: `Иван, напишите нам: ${PUBLIC_URL}/${slug}/ или priemnaya@example.ru`,
      problem: null,
    });
    const second = await seed(agency.id);
    await post(staff, second, 'invite');
    const [custom] = await repliesTo(second);
    expect(custom?.outbound.body).toBe(
      `Мария Соколова, напишите нам: ${PUBLIC_URL}/${slug}/ или priemnaya@example.ru`,
    );

    const operator = await agencyWithStaff(harness, ['operator']);
    const forbidden = await operator.staff.request({
      method: 'PUT',
      url: '/api/staff/social/settings',
      payload: { inviteText: null },
    });
    expect(forbidden.statusCode).toBe(403);
  });

  it('turns a comment into a registered request answered back in the same thread', async () => {
    const { staff } = await agencyWithStaff(harness, ['operator']);
    const agency = { id: await agencyIdOf(staff) };
    const id = await seed(agency.id, { network: 'vk', externalId: 'wall-5_301', threadId: '5' });
    const converted = await post(staff, id, 'convert');
    expect(converted.statusCode).toBe(200);
    const { requestId, number } = converted.json();
    const [request] = await db().select().from(requests).where(eq(requests.id, requestId));
    expect(request).toMatchObject({
      agencyId: agency.id,
      number,
      kind: 'social_comment',
      channel: 'vk',
      text: 'Когда закончится приём заявок?',
      contactName: 'Мария Соколова',
      replyRoute: {
        network: 'vk',
        recipient: '5',
        thread: { kind: 'comment', postId: '5', commentId: 'wall-5_301', authorId: 'user-501' },
      },
    });
    expect(await itemRow(id)).toMatchObject({ status: 'converted', requestId });
    const acknowledgements = await db()
      .select()
      .from(outboundMessages)
      .where(and(eq(outboundMessages.requestId, requestId), eq(outboundMessages.network, 'vk')));
    expect(acknowledgements).toHaveLength(1);
    expect(acknowledgements[0]).toMatchObject({ recipient: '5', thread: { commentId: 'wall-5_301' } });
    expect(acknowledgements[0]?.body).toContain(number);

    expect((await post(staff, id, 'convert')).statusCode).toBe(409);
    const listed = await staff.request({ method: 'GET', url: '/api/staff/social?status=converted' });
    expect(listed.json().items[0]).toMatchObject({ id, requestId, requestNumber: number });

    const message = await seed(agency.id, { kind: 'message', threadId: 'chat-3' });
    const appeal = await post(staff, message, 'convert');
    const [asAppeal] = await db().select().from(requests).where(eq(requests.id, appeal.json().requestId));
    expect(asAppeal?.kind).toBe('appeal');
  });

  it('dismisses with a reason, after which no other action applies', async () => {
    const { staff } = await agencyWithStaff(harness, ['head']);
    const agency = { id: await agencyIdOf(staff) };
    const id = await seed(agency.id);
    const noReason = await post(staff, id, 'dismiss', { reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().field).toBe('body.reason');
    const tooLong = await post(staff, id, 'dismiss', { reason: 'x'.repeat(501) });
    expect(tooLong.statusCode).toBe(400);
    expect((await post(staff, id, 'dismiss', { reason: 'Реклама' })).statusCode).toBe(204);
    expect(await itemRow(id)).toMatchObject({ status: 'dismissed', dismissReason: 'Реклама' });
    for (const action of ['invite', 'convert']) expect((await post(staff, id, action)).statusCode).toBe(409);
    expect(await repliesTo(id)).toHaveLength(0);
  });

  it('lets two people acting at once handle an item once: one reply, one request', async () => {
    const { staff } = await agencyWithStaff(harness, ['operator']);
    const agencyId = await agencyIdOf(staff);
    const answered = await seed(agencyId);
    const statuses = await Promise.all([
      post(staff, answered, 'answer', { text: 'Первый ответ' }),
      post(staff, answered, 'invite'),
    ]);
    expect(statuses.map((r) => r.statusCode).sort()).toEqual([204, 409]);
    // The loser's outbox row went with its rolled-back transaction.
    const rows = await db().select().from(outboundMessages).where(eq(outboundMessages.agencyId, agencyId));
    expect(rows).toHaveLength(1);

    const converted = await seed(agencyId, { externalId: 'race-1' });
    const both = await Promise.all([post(staff, converted, 'convert'), post(staff, converted, 'convert')]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const registered = await db().select().from(requests).where(eq(requests.agencyId, agencyId));
    expect(registered).toHaveLength(1);
    expect((await itemRow(converted))?.requestId).toBe(registered[0]?.id);
  });

  it('refuses text PostgreSQL cannot store, by field', async () => {
    const { staff } = await agencyWithStaff(harness, ['operator']);
    const id = await seed(await agencyIdOf(staff));
    const surrogate = await post(staff, id, 'answer', { text: 'Ответ \ud800' });
    expect(surrogate.statusCode).toBe(400);
    expect(surrogate.json().field).toBe('body.text');
    const nul = await post(staff, id, 'dismiss', { reason: 'a\u0000b' });
    expect(nul.json().field).toBe('body.reason');
    expect((await itemRow(id))?.status).toBe('new');
  });

  it('keeps the queue to staff who handle it', async () => {
    const { staff } = await agencyWithStaff(harness, ['analyst']);
    expect((await staff.request({ method: 'GET', url: '/api/staff/social' })).statusCode).toBe(403);
  });

  it("hides one agency's items from another", async () => {
    await expectTenantIsolation(harness, {
      roles: ['admin'],
      create: async (staffOfA) => seed(await agencyIdOf(staffOfA)),
      requests: (id) => [
        { method: 'POST', url: `/api/staff/social/${id}/answer`, payload: { text: 'Чужой ответ' } },
        { method: 'POST', url: `/api/staff/social/${id}/invite` },
        { method: 'POST', url: `/api/staff/social/${id}/convert` },
        { method: 'POST', url: `/api/staff/social/${id}/dismiss`, payload: { reason: 'Чужое' } },
        { method: 'GET', url: `/api/staff/social/${id}/templates/${randomUUID()}` },
      ],
      lists: ['/api/staff/social'],
    });
  });
});
