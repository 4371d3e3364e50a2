import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../lib/tokens.js';
import { agencyWithStaff, createHarness, type Harness, type StaffClient } from '../../testing/harness.js';
import { historyDocument } from './pdf.js';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness.close());

const submit = async (slug: string, payload: Record<string, unknown>) => {
  const response = await harness.app.inject({
    method: 'POST',
    url: `/api/public/${slug}/requests`,
    payload: { kind: 'appeal', text: 'Прошу разъяснить порядок', consent: true, ...payload },
  });
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
    const id = await clientOf(staff, 'orlova@');
    const timeline = (
      await staff.request({ method: 'GET', url: `/api/staff/clients/${id}/timeline` })
    ).json();
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
    const id = await clientOf(staff, 'lebedev@');

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

    const timeline = (
      await staff.request({ method: 'GET', url: `/api/staff/clients/${id}/timeline` })
    ).json();
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
    const id = await clientOf(staff, 'zaitsev@');
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
  });
});

const ask = (slug: string, payload: unknown, ip = '203.0.113.1') =>
  harness.app.inject({
    method: 'POST',
    url: `/api/public/${slug}/history-links`,
    payload: payload as object,
    remoteAddress: ip,
  });

const download = (slug: string, token: string) =>
  harness.app.inject({
    method: 'POST',
    url: `/api/public/${slug}/history-links/download`,
    payload: { token },
  });

async function linkTokenFor(email: string, since: number) {
  const mail = (await harness.outbox()).slice(since).find((m) => m.includes(email));
  const token = mail?.match(/token=([A-Za-z0-9_-]+)/)?.[1];
  return { mail, token };
}

describe('history from the portal', () => {
  it('mails a one-time link to a known address and answers the same for an unknown one', async () => {
    const { slug, staff } = await agencyWithStaff(harness);
    await submit(slug, { name: 'Морозова Анна', email: 'morozova@example.ru' });
    const before = (await harness.outbox()).length;
    const known = await ask(slug, { email: 'Morozova@Example.ru' });
    const unknown = await ask(slug, { email: 'nobody@example.ru' });
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(unknown.body).toBe(known.body);
    const mails = (await harness.outbox()).slice(before);
    expect(mails.filter((m) => m.includes('nobody@example.ru'))).toHaveLength(0);
    const { mail, token } = await linkTokenFor('morozova@example.ru', before);
    expect(mail).toContain(`/${slug}/history/download?token=`);
    if (!token) throw new Error('no token in the mail');

    const first = await download(slug, token);
    expect(first.statusCode).toBe(200);
    const zip = await JSZip.loadAsync(first.rawPayload);
    expect(zip.file('history.pdf')).not.toBeNull();
    const again = await download(slug, token);
    expect(again.statusCode).toBe(404);
    expect(again.json()).toMatchObject({ error: 'history_link_invalid' });
    // The link of one agency opens nothing in another.
    const other = await agencyWithStaff(harness);
    expect((await download(other.slug, token)).statusCode).toBe(404);

    const id = await clientOf(staff, 'morozova@');
    const timeline = (
      await staff.request({ method: 'GET', url: `/api/staff/clients/${id}/timeline` })
    ).json();
    expect(timeline[0]).toMatchObject({ kind: 'history_export', channel: 'portal' });
  });

  it('refuses an expired link and stores only the hash of the token', async () => {
    const { slug } = await agencyWithStaff(harness);
    await submit(slug, { name: 'Павлов', email: 'pavlov@example.ru' });
    const before = (await harness.outbox()).length;
    const dayAgo = new Date(Date.now() - 24 * 3600_000 - 1000);
    await harness.services.historyLinks.ask(slug, 'pavlov@example.ru', dayAgo);
    const { token } = await linkTokenFor('pavlov@example.ru', before);
    if (!token) throw new Error('no token in the mail');
    expect((await download(slug, token)).statusCode).toBe(404);
    const count = async (hash: string) =>
      (
        (await harness.services.database.db.execute(
          sql`select count(*)::int as n from history_links where token_hash = ${hash}`,
        )) as unknown as { rows: { n: number }[] }
      ).rows[0]?.n;
    expect(await count(token)).toBe(0);
    expect(await count(sha256(token))).toBe(1);
  });

  it('limits asks per address (known or not alike) and per IP', async () => {
    const { slug } = await agencyWithStaff(harness);
    await submit(slug, { name: 'Смирнов', email: 'smirnov@example.ru' });
    for (const email of ['smirnov@example.ru', 'ghost@example.ru']) {
      const codes = [];
      for (let i = 0; i < 4; i += 1) codes.push((await ask(slug, { email }, `198.51.100.${i}`)).statusCode);
      expect(codes).toEqual([202, 202, 202, 429]);
    }
    const fromOneIp = [];
    for (let i = 0; i < 21; i += 1)
      fromOneIp.push((await ask(slug, { email: `x${i}@example.ru` }, '192.0.2.77')).statusCode);
    expect(fromOneIp.slice(0, 20).every((c) => c === 202)).toBe(true);
    expect(fromOneIp[20]).toBe(429);
  });

  it('answers 4xx, never 5xx, to hostile bodies (property)', async () => {
    const { slug } = await agencyWithStaff(harness);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.anything(), fc.record({ email: fc.string() }), fc.record({ token: fc.string() })),
        async (body) => {
          for (const url of [
            `/api/public/${slug}/history-links`,
            `/api/public/${slug}/history-links/download`,
          ]) {
            const response = await harness.app.inject({
              method: 'POST',
              url,
              payload: JSON.stringify(body) ?? 'null',
              headers: { 'content-type': 'application/json' },
              remoteAddress: `10.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
            });
            expect(response.statusCode).toBeLessThan(500);
            expect(response.statusCode).not.toBe(200);
          }
        },
      ),
      { numRuns: 40 },
    );
    expect((await ask('no-such-agency', { email: 'a@example.ru' }, '10.9.9.9')).statusCode).toBe(404);
  });
});
