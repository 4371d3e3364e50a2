import type { InjectOptions } from 'fastify';
import { insertDeliveries, insertPost } from '../modules/channels/posts.repo.js';
import { insertSocialItem } from '../modules/channels/social.repo.js';
import { insertProposal } from '../modules/kb/proposals.repo.js';
import { insertNotifications } from '../modules/notifications/repo.js';
import { agencyWithStaff, type Harness } from './harness.js';
import { colleague } from './kb.js';
import { multipartBody, SMALL_PDF } from './multipart.js';
import { daysAhead } from './reception.js';

/**
 * Agency A filled through its own staff API with at least one record of every kind a staff route
 * addresses. Every text carries `marker`, so a body that leaks any of it to another agency is caught.
 */
export async function seededAgency(harness: Harness, marker: string) {
  const a = await agencyWithStaff(harness, ['admin']);
  const admin = a.staff;
  const failures: string[] = [];
  const call = async (options: InjectOptions) => {
    const response = await admin.request(options);
    if (response.statusCode >= 300) failures.push(`${options.method} ${options.url}: ${response.body}`);
    const json = String(response.headers['content-type']).startsWith('application/json');
    return response.statusCode < 300 && json ? response.json() : {};
  };
  const post = (url: string, payload: unknown) => call({ method: 'POST', url, payload: payload as object });
  const get = (url: string) => call({ method: 'GET', url });

  const departmentId = (await post('/api/staff/departments', { name: `Отдел ${marker}` })).id;
  const worker = await colleague(harness, admin, ['operator'], [departmentId]);
  await post('/api/staff/touchpoints', {
    kind: 'phone',
    mode: 'offline',
    title: `Телефон ${marker}`,
    value: '+7 383 000-00-00',
  });
  await call({
    method: 'PUT',
    url: `/api/staff/calendar/${daysAhead(40)}`,
    payload: { kind: 'nonWorking', note: marker },
  });
  await call({
    method: 'PUT',
    url: '/api/staff/deadline-policies/appeal/answer',
    payload: { days: 20, dayType: 'calendar', source: `Приказ ${marker}` },
  });

  const submitted = await harness.app.inject({
    method: 'POST',
    url: `/api/public/${a.slug}/requests`,
    ...multipartBody(
      {
        kind: 'appeal',
        text: `Прошу разъяснить ${marker}`,
        name: `Заявитель ${marker}`,
        email: 'applicant-a@example.org',
        consent: 'true',
      },
      [{ name: `скан-${marker}.pdf`, content: SMALL_PDF, type: 'application/pdf' }],
    ),
  });
  if (submitted.statusCode !== 201) failures.push(`portal appeal: ${submitted.body}`);
  const register = await get('/api/staff/requests');
  const requestId: string = register.items?.[0]?.id;
  const request = await get(`/api/staff/requests/${requestId}`);
  const clientId: string = request.client?.id ?? request.clientId;
  await post(`/api/staff/requests/${requestId}/assign`, {
    departmentId,
    assigneeId: worker.info.user.id,
  });
  await call({
    method: 'POST',
    url: `/api/staff/requests/${requestId}/attachments`,
    ...multipartBody({}, [{ name: `ответ-${marker}.pdf`, content: SMALL_PDF, type: 'application/pdf' }]),
  });
  await post('/api/staff/requests', {
    kind: 'info_request',
    channel: 'post',
    receivedAt: new Date().toISOString(),
    text: `Запрос по почте ${marker}`,
    name: `Почтовый заявитель ${marker}`,
  });
  await post('/api/staff/register-views', { name: `Вид ${marker}`, query: 'status=registered' });
  const topicId = (await post('/api/staff/topics', { name: `Тема ${marker}` })).id;
  await post(`/api/staff/topics/${topicId}/needs`, { name: `Потребность ${marker}` });
  await post(`/api/staff/clients/${clientId}/contacts`, { kind: 'phone', value: '+7 913 111-22-33' });
  await post(`/api/staff/clients/${clientId}/history-export`, {});

  const sectionId = (
    await post('/api/staff/kb/sections', {
      title: `Раздел ${marker}`,
      departmentId: null,
      reviewIntervalDays: 90,
    })
  ).id;
  const articleId = (
    await post('/api/staff/kb/articles', {
      sectionId,
      kind: 'faq',
      title: `Статья ${marker}`,
      body: `<p>Ответ ${marker}</p>`,
    })
  ).id;
  await call({
    method: 'PATCH',
    url: `/api/staff/kb/articles/${articleId}`,
    payload: { title: `Статья 2 ${marker}` },
  });
  await call({
    method: 'POST',
    url: `/api/staff/kb/articles/${articleId}/attachments`,
    ...multipartBody({}, [{ name: `памятка-${marker}.pdf`, content: SMALL_PDF, type: 'application/pdf' }]),
  });
  await post('/api/staff/kb/articles', {
    sectionId,
    kind: 'template',
    title: `Шаблон ${marker}`,
    body: `<p>Уважаемый заявитель, ${marker}</p>`,
  });
  await post(`/api/staff/kb/sections/${sectionId}/reviews`, { outcome: 'confirmed', note: marker });
  await post(`/api/staff/kb/articles/${articleId}/uses`, { context: 'request', subjectId: requestId });

  const callId = (
    await post('/api/staff/calls', {
      caller: '+7 913 222-33-44',
      startedAt: new Date().toISOString(),
      answered: true,
    })
  ).id;
  await post(`/api/staff/calls/${callId}/request`, {
    text: `Обращение из звонка ${marker}`,
    name: `Звонивший ${marker}`,
  });
  await post('/api/staff/imports/pos/secret', {});
  await post('/api/staff/calls/pbx/secret', {});

  const siteSections = await get('/api/staff/site/sections');
  const newsId = siteSections[0]?.id;
  const publicationId = (
    await post('/api/staff/site/publications', {
      sectionId: newsId,
      title: `Новость ${marker}`,
      body: `<p>${marker}</p>`,
    })
  ).id;
  await call({
    method: 'POST',
    url: `/api/staff/site/publications/${publicationId}/attachments`,
    ...multipartBody({}, [{ name: `приказ-${marker}.pdf`, content: SMALL_PDF, type: 'application/pdf' }]),
  });

  const officialId = (
    await post('/api/staff/reception/officials', {
      name: `Должностное лицо ${marker}`,
      position: 'Руководитель',
    })
  ).id;
  const roomId = (
    await post('/api/staff/reception/rooms', { name: `Кабинет ${marker}`, videoRecording: false })
  ).id;
  await post('/api/staff/reception/slots/generate', {
    officialId,
    roomId,
    from: daysAhead(3),
    to: daysAhead(10),
    pattern: { weekdays: [1, 2, 3, 4, 5, 6, 7], start: '10:00', end: '12:00', minutes: 30 },
  });
  const slots = await get(`/api/staff/reception/slots?from=${daysAhead(3)}&to=${daysAhead(10)}`);
  const bookingId = (
    await post('/api/staff/reception/bookings', {
      slotId: slots[0]?.id,
      source: 'oral',
      name: `Посетитель ${marker}`,
      phone: '+7 913 333-44-55',
      topic: `Тема приёма ${marker}`,
    })
  ).id;
  await post('/api/staff/reception/cards', { bookingId });

  const mailingTopicId = (await post('/api/staff/mailings/topics', { title: `Рассылка ${marker}` })).id;
  const subscribed = await harness.app.inject({
    method: 'POST',
    url: `/api/public/${a.slug}/subscriptions`,
    payload: { email: 'subscriber-a@example.org', consent: true, sourcePage: `/${a.slug}/subscribe` },
  });
  if (subscribed.statusCode !== 202) failures.push(`subscription: ${subscribed.body}`);
  await post('/api/staff/mailings/campaigns', {
    subject: `Рассылка ${marker}`,
    html: `<p>${marker}</p>`,
    text: marker,
    topicIds: [mailingTopicId],
  });

  const surveyId = (await post('/api/staff/surveys', { template: 'mer-nso-appendix-1', slug: 'opros-a' })).id;
  await post(`/api/staff/surveys/${surveyId}/tokens`, { count: 1 });
  await post('/api/staff/feedback-actions', {
    finding: `Вывод ${marker}`,
    decision: `Решение ${marker}`,
    ownerId: null,
    departmentId,
    dueOn: '2027-01-15',
    links: { surveyQuestions: [{ surveyId, question: 'satisfaction' }] },
  });

  await post('/api/staff/channels', { network: 'email', title: `Почта ${marker}` });

  // These arrive from social networks, the deadline sweep and the nightly clustering, not from a form.
  const db = harness.services.database.db;
  const agencyId = await harness.services.agencies.idBySlug(a.slug);
  await insertSocialItem(db, {
    agencyId,
    network: 'vk',
    kind: 'comment',
    externalId: `comment-${marker}`,
    threadId: 'wall-1',
    authorId: 'vk-42',
    authorName: `Комментатор ${marker}`,
    text: `Комментарий ${marker}`,
    receivedAt: new Date(),
  });
  const channelPost = await insertPost(db, { agencyId, text: `Пост ${marker}` });
  const deliveries = await insertDeliveries(db, [
    { postId: channelPost.id, network: 'telegram', accountTitle: `Канал ${marker}` },
  ]);
  await insertNotifications(db, [
    {
      agencyId,
      userId: a.userId,
      kind: 'deadline_reminder',
      title: `Срок ${marker}`,
      body: `Срок ответа ${marker}`,
      link: `/requests/${requestId}`,
    },
  ]);
  await insertProposal(db, {
    agencyId,
    fingerprint: `fingerprint-${marker}`,
    title: `Предложение ${marker}`,
    terms: ['справк', 'задолженн'],
    sampleText: `Вопрос ${marker}`,
    size: 5,
  });

  // Rows of tables without agency_id of their own (they hang off a parent row that has it).
  const childIds = { channel_post_deliveries: deliveries.map((row) => row.id) };
  return { ...a, worker, failures, requestId, clientId, childIds };
}

export type SeededAgency = Awaited<ReturnType<typeof seededAgency>>;
