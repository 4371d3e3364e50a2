import { inflateSync } from 'node:zlib';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  agencyWithStaff,
  createHarness,
  type Harness,
  type StaffClient,
  submitAppeal,
} from '../../testing/harness.js';
import { historyDocument } from './pdf.js';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness.close());

const submit = async (slug: string, payload: Record<string, unknown>) => {
  const response = await submitAppeal(harness, slug, payload);
  expect(response.statusCode).toBe(201);
  return response.json() as { number: string };
};

async function requestId(staff: StaffClient, number: string) {
  const list = (await staff.request({ method: 'GET', url: `/api/staff/requests?q=${number}` })).json();
  return list.items[0].id as string;
}

async function answered(staff: StaffClient, number: string, text: string) {
  const id = await requestId(staff, number);
  await staff.request({ method: 'POST', url: `/api/staff/requests/${id}/start` });
  const response = await staff.request({
    method: 'POST',
    url: `/api/staff/requests/${id}/answer`,
    payload: { text, form: 'electronic' },
  });
  expect(response.statusCode).toBe(200);
}

async function clientOf(staff: StaffClient, q: string) {
  const list = (
    await staff.request({ method: 'GET', url: `/api/staff/clients?q=${encodeURIComponent(q)}` })
  ).json();
  return list.items[0].id as string;
}

const pageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;

/** Cyrillic code points (U+0400–U+04FF) the embedded fonts map glyphs to: proof the text is not tofu. */
function cyrillicGlyphs(pdf: Buffer): number {
  const raw = pdf.toString('latin1');
  let found = 0;
  for (const match of raw.matchAll(/stream\r?\n/g)) {
    const start = (match.index ?? 0) + match[0].length;
    try {
      const text = inflateSync(pdf.subarray(start, raw.indexOf('endstream', start))).toString('latin1');
      if (text.includes('beginbf')) found += (text.match(/<04[0-9A-F]{2}>/g) ?? []).length;
    } catch {
      // Not a deflated stream (e.g. an image): nothing to count.
    }
  }
  return found;
}

describe('timeline', () => {
  it('shows requests, their events and the consent newest first, with links to the requests', async () => {
    const { slug, staff } = await agencyWithStaff(harness);
    const first = await submit(slug, { name: 'Орлова Ирина', email: 'orlova@example.ru' });
    await answered(staff, first.number, 'Порядок разъяснён в приложении.');
    const second = await submit(slug, {
      name: 'Орлова Ирина',
      email: 'orlova@example.ru',
      kind: 'info_request',
    });
    const id = await clientOf(staff, 'orlova@example.ru');
    const timeline = (await staff.request({ method: 'GET', url: `/api/staff/clients/${id}/timeline` })).json()
      .items;
    const ats = timeline.map((e: { at: string }) => e.at);
    expect(ats).toEqual([...ats].sort().reverse());
    expect(
      timeline
        .filter((e: { kind: string }) => e.kind === 'request')
        .map((e: { requestNumber: string }) => e.requestNumber),
    ).toEqual([second.number, first.number]);
    const answer = timeline.find((e: { status: string }) => e.status === 'answered');
    expect(answer).toMatchObject({
      kind: 'request_event',
      channel: 'portal',
      requestNumber: first.number,
      requestId: await requestId(staff, first.number),
      detail: 'Порядок разъяснён в приложении.',
    });
    expect(timeline.filter((e: { kind: string }) => e.kind === 'consent')).toHaveLength(2);

    // Paged newest first: the pages put together are the whole timeline, in the same order.
    const pageOf = async (page: number) =>
      (
        await staff.request({
          method: 'GET',
          url: `/api/staff/clients/${id}/timeline?page=${page}&pageSize=3`,
        })
      ).json();
    const pages = await Promise.all([1, 2, 3, 4].map(pageOf));
    expect(pages[0]).toMatchObject({
      total: timeline.length,
      page: 1,
      pages: Math.ceil(timeline.length / 3),
    });
    expect(pages.flatMap((p) => p.items)).toEqual(timeline);
  });
});

describe('history export (seed 004 p. 4)', () => {
  it('hands over a ZIP with the PDF, every message as text, logged in the timeline and the audit', async () => {
    const { slug, staff } = await agencyWithStaff(harness);
    const first = await submit(slug, {
      name: 'Лебедев Олег',
      email: 'lebedev@example.ru',
      text: 'Первое обращение',
    });
    await answered(staff, first.number, 'Ответ по существу');
    const second = await submit(slug, {
      name: 'Лебедев Олег',
      email: 'lebedev@example.ru',
      text: 'Второе обращение',
    });
    const id = await clientOf(staff, 'lebedev@example.ru');

    const response = await staff.request({ method: 'POST', url: `/api/staff/clients/${id}/history-export` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/zip');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="history-\d{4}-\d{2}-\d{2}\.zip"$/,
    );
    const zip = await JSZip.loadAsync(response.rawPayload);
    const names = Object.keys(zip.files)
      .filter((n) => !zip.files[n]?.dir)
      .sort();
    expect(names).toEqual(
      [
        'history.pdf',
        `messages/${first.number}/01-обращение.txt`,
        `messages/${first.number}/02-answered.txt`,
        `messages/${second.number}/01-обращение.txt`,
      ].sort(),
    );
    expect(await zip.file(`messages/${first.number}/01-обращение.txt`)?.async('string')).toContain(
      'Первое обращение',
    );
    expect(await zip.file(`messages/${first.number}/02-answered.txt`)?.async('string')).toContain(
      'Ответ по существу',
    );
    const pdf = Buffer.from((await zip.file('history.pdf')?.async('uint8array')) ?? []);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // A title page, then each request on a page of its own.
    expect(pageCount(pdf)).toBe(3);
    expect(pdf.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]+\+Roboto-Regular/);
    expect(cyrillicGlyphs(pdf)).toBeGreaterThan(20);

    const timeline = (await staff.request({ method: 'GET', url: `/api/staff/clients/${id}/timeline` })).json()
      .items;
    expect(timeline[0]).toMatchObject({ kind: 'history_export', channel: 'staff' });
    expect(timeline[0].title).toContain('обращений — 2');
    const audit = (
      await staff.request({ method: 'GET', url: '/api/staff/audit?entity=history_export' })
    ).json();
    expect(audit.items[0]).toMatchObject({
      entityId: id,
      after: { via: 'staff', requestCount: 2, fileCount: 4 },
    });
  });

  it('takes attachments from the provider the integrator wires', async () => {
    const { slug, staff, agency } = await agencyWithStaff(harness);
    const { number } = await submit(slug, { name: 'Зайцев', email: 'zaitsev@example.ru' });
    const id = await clientOf(staff, 'zaitsev@example.ru');
    const asked: string[][] = [];
    const agencyId = (await harness.services.agencies.findBySlug(agency.slug))?.id;
    harness.services.history.setAttachmentProvider(async (forAgency, requestIds) => {
      expect(forAgency).toBe(agencyId);
      asked.push(requestIds);
      return [
        { name: 'скан.pdf', bytes: new Uint8Array([1, 2, 3]) },
        { name: '../../etc/passwd', bytes: new Uint8Array([4]) },
        { name: 'скан.pdf', bytes: new Uint8Array([5]) },
      ];
    });
    try {
      const response = await staff.request({
        method: 'POST',
        url: `/api/staff/clients/${id}/history-export`,
      });
      const zip = await JSZip.loadAsync(response.rawPayload);
      expect(
        Object.keys(zip.files)
          .filter((n) => n.startsWith('attachments/') && !zip.files[n]?.dir)
          .sort(),
      ).toEqual(['attachments/__.._etc_passwd', 'attachments/скан (2).pdf', 'attachments/скан.pdf']);
      expect(asked).toEqual([[await requestId(staff, number)]]);
    } finally {
      harness.services.history.setAttachmentProvider(async () => []);
    }
  });

  it('writes agency-local dates, statuses and answers into the PDF document', () => {
    const receivedAt = new Date('2026-03-01T20:30:00Z'); // 2 March, 03:30 in Novosibirsk (UTC+7)
    const definition = historyDocument({
      agency: { name: 'Инспекция по охране ОКН', timezone: 'Asia/Novosibirsk' },
      client: { name: 'Ёлкин Фёдор', organisationName: null, postalAddress: 'Новосибирск, Красный пр., 18' },
      contacts: [{ kind: 'email', value: 'elkin@example.ru' }],
      requests: [
        {
          id: '00000000-0000-4000-8000-000000000001',
          number: '2026-00007',
          kind: 'appeal',
          channel: 'portal',
          status: 'answered',
          text: 'Прошу проверить состояние здания',
          contactName: 'Ёлкин Фёдор',
          receivedAt,
          dueAt: new Date('2026-03-31T16:59:59Z'),
          resolvedAt: new Date('2026-03-10T05:00:00Z'),
          answerText: 'Проверка назначена',
          answerForm: 'written',
          redirectAddressee: null,
          events: [{ at: receivedAt, status: 'received', note: null, isPublic: true }],
        } as never,
      ],
      interactions: [
        {
          kind: 'call',
          at: '2026-03-05T03:00:00Z',
          channel: 'consult_line',
          status: null,
          title: 'Звонок на консультационную линию',
          detail: 'Разъяснён порядок подачи документов',
          requestId: null,
          requestNumber: null,
          internal: false,
        },
      ],
      period: { from: receivedAt, to: new Date('2026-04-01T00:00:00Z') },
      generatedAt: new Date('2026-04-01T00:00:00Z'),
    });
    const text = JSON.stringify(definition.content);
    expect(text).toContain('Инспекция по охране ОКН');
    expect(text).toContain('Ёлкин Фёдор');
    expect(text).toContain('Период: 2 марта 2026 г. — 1 апреля 2026 г.');
    expect(text).toContain('2 марта 2026 г. в 03:30');
    expect(text).toContain('дан ответ');
    expect(text).toContain('Проверка назначена');
    expect(text).toContain('письменная');
    // Interactions from any source (here a future «call») are listed with agency-local times.
    expect(text).toContain('5 марта 2026 г. в 10:00');
    expect(text).toContain('консультационная линия');
    expect(text).toContain('Разъяснён порядок подачи документов');
  });
});
