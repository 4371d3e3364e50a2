import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDate } from '../../lib/calendar.js';
import { createHarness, type Harness, TEST_AGENCY_ZONE } from '../../testing/harness.js';
import { colleague, kbArticle, kbSection } from '../../testing/kb.js';
import { docxWith, pdfWith, published, searchSite, siteAgency, uploadTo } from '../../testing/site.js';
import { MARK_END, MARK_START } from '../kb/search.text.js';
import { markedSnippet } from './public.service.js';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness.close());

const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY);

describe('GET /api/public/:agency/search', () => {
  it('finds word forms, counts pages, sorts by relevance or date and filters by section and dates', async () => {
    const a = await siteAgency(harness);
    const news = a.sectionId('news');
    const services = a.sectionId('services');
    await published(
      a.staff,
      { sectionId: services, title: 'Как получить выписку', body: '<p>Порядок.</p>' },
      daysAgo(30),
    );
    for (let n = 1; n <= 11; n++) {
      await published(
        a.staff,
        { sectionId: news, title: `Новость ${n}`, body: `<p>Упоминание выписки номер ${n}.</p>` },
        daysAgo(n),
      );
    }
    const byRelevance = await searchSite(harness, a.slug, `q=${encodeURIComponent('выписки')}`);
    expect(byRelevance.statusCode).toBe(200);
    const first = byRelevance.json();
    expect(first).toMatchObject({ total: 12, pages: 2, page: 1 });
    expect(first.items).toHaveLength(10);
    // The title match weighs more than a mention in the body.
    expect(first.items[0].title).toBe('Как получить выписку');
    expect(first.items[0].url).toBe(`/${a.slug}/services/kak-poluchit-vypisku`);

    const byDate = (await searchSite(harness, a.slug, 'q=выписка&sort=date')).json();
    expect(byDate.items[0].title).toBe('Новость 1');
    const second = (await searchSite(harness, a.slug, 'q=выписка&sort=date&page=2')).json();
    expect(second.items.map((i: { title: string }) => i.title)).toEqual([
      'Новость 11',
      'Как получить выписку',
    ]);

    const inServices = (await searchSite(harness, a.slug, 'q=выписка&section=services')).json();
    expect(inServices.total).toBe(1);
    // The filter's dates are the agency's calendar days, not UTC ones.
    const iso = (d: Date) => localDate(d, TEST_AGENCY_ZONE);
    const recent = (
      await searchSite(harness, a.slug, `q=выписка&from=${iso(daysAgo(3))}&to=${iso(new Date())}`)
    ).json();
    expect(recent.items.map((i: { title: string }) => i.title).sort()).toEqual([
      'Новость 1',
      'Новость 2',
      'Новость 3',
    ]);
  });

  it('marks matches in the snippet and escapes everything else', async () => {
    const a = await siteAgency(harness);
    await published(a.staff, {
      sectionId: a.sectionId('news'),
      title: 'Объявление',
      summary: '<img src=x onerror=alert(1)> выписка & "кавычки"',
      body: '<p>Текст &lt;script&gt;alert(2)&lt;/script&gt; про выписку</p>',
    });
    const [item] = (await searchSite(harness, a.slug, 'q=выписка')).json().items;
    expect(item.snippet).toContain('<mark>выписка</mark>');
    expect(item.snippet).toContain('<mark>выписку</mark>');
    // The text parser drops what looks like a tag; whatever text is left goes out escaped.
    expect(item.snippet).toContain('&amp; &quot;кавычки&quot;');
    expect(item.snippet.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
  });

  it('turns only the match marks into markup', () => {
    expect(markedSnippet(`${MARK_START}<b onclick=x>${MARK_END} & </mark>`)).toBe(
      '<mark>&lt;b onclick=x&gt;</mark> &amp; &lt;/mark&gt;',
    );
  });

  it('finds words inside attached PDF and DOCX files', async () => {
    const a = await siteAgency(harness);
    const page = await published(a.staff, { sectionId: a.sectionId('documents'), title: 'Приказ № 5' });
    const pdf = await uploadTo(
      a.staff,
      page.id,
      'приказ.pdf',
      await pdfWith('Утвердить регламент кадастровой оценки'),
    );
    expect(pdf.statusCode, pdf.body).toBe(201);
    const docx = await uploadTo(
      a.staff,
      page.id,
      'форма.docx',
      await docxWith('Форма заявления о компенсации'),
    );
    expect(docx.statusCode, docx.body).toBe(201);
    const viaPdf = (await searchSite(harness, a.slug, 'q=регламенты')).json();
    expect(viaPdf.items.map((i: { title: string }) => i.title)).toEqual(['Приказ № 5']);
    expect(viaPdf.items[0].snippet).toContain('<mark>регламент</mark>');
    expect((await searchSite(harness, a.slug, 'q=компенсацию')).json().total).toBe(1);

    const shown = (
      await harness.app.inject({
        method: 'GET',
        url: `/api/public/${a.slug}/site/sections/documents/${page.slug}`,
      })
    ).json();
    expect(
      shown.attachments.map((f: { fileName: string; contentType: string }) => [f.fileName, f.contentType]),
    ).toEqual([
      ['приказ.pdf', 'application/pdf'],
      ['форма.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ]);
    const file = await harness.app.inject({
      method: 'GET',
      url: `/api/public/${a.slug}/site/files/${page.id}/${shown.attachments[0].id}`,
    });
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    // Removing the file takes its words out of search.
    const removed = await a.staff.request({
      method: 'DELETE',
      url: `/api/staff/site/publications/${page.id}/attachments/${shown.attachments[0].id}`,
    });
    expect(removed.statusCode).toBe(204);
    expect((await searchSite(harness, a.slug, 'q=регламенты')).json().total).toBe(0);
  });

  it('finds the public FAQ answers too: counted, paged, sorted, filtered, linked to their anchor', async () => {
    const a = await siteAgency(harness);
    const kb = await colleague(harness, a.staff, ['kb_editor']);
    const kbSectionId = await kbSection(kb);
    for (let n = 1; n <= 10; n++) {
      await published(
        a.staff,
        {
          sectionId: a.sectionId('news'),
          title: `Праздник ${n}`,
          body: `<p>Над площадью пролетит аэростат ${n}.</p>`,
        },
        daysAgo(n + 1),
      );
    }
    const answer = await kbArticle(kb, {
      sectionId: kbSectionId,
      title: 'Можно ли запускать аэростат?',
      body: '<p>Запуск аэростата согласуется с инспекцией &amp; полицией &lt;заранее&gt;.</p>',
      visibility: 'public',
    });
    // Neither an internal answer nor a public contact card is a public FAQ answer.
    await kbArticle(kb, {
      sectionId: kbSectionId,
      title: 'Аэростат: памятка для сотрудников',
      visibility: 'internal',
    });
    await kbArticle(kb, {
      sectionId: kbSectionId,
      kind: 'contacts',
      title: 'Отдел аэростатов',
      body: '<p>Телефон 110</p>',
      visibility: 'public',
    });

    const first = (await searchSite(harness, a.slug, 'q=аэростаты')).json();
    expect(first).toMatchObject({ total: 11, pages: 2, page: 1 });
    // The answer's title matches, the publications only mention the word in their text.
    expect(first.items[0]).toEqual({
      kind: 'faq',
      title: 'Можно ли запускать аэростат?',
      url: `/${a.slug}/faq#faq-${answer}`,
      snippet: expect.stringContaining('<mark>аэростата</mark>'),
      publishedAt: expect.any(String),
    });
    // The answer's markup is gone and its text escaped once: what the visitor reads on the FAQ page.
    expect(first.items[0].snippet).toContain('с инспекцией &amp; полицией &lt;заранее');
    expect(first.items[0].snippet).not.toContain('&amp;amp;');
    expect(first.items.slice(1).every((i: { kind: string }) => i.kind === 'publication')).toBe(true);
    const second = (await searchSite(harness, a.slug, 'q=аэростаты&page=2')).json();
    expect(second.items).toHaveLength(1);

    const byDate = (await searchSite(harness, a.slug, 'q=аэростат&sort=date&page=2')).json();
    expect(byDate.items.map((i: { title: string }) => i.title)).toEqual(['Праздник 10']);
    const faqOnly = (await searchSite(harness, a.slug, 'q=аэростат&section=faq')).json();
    expect(faqOnly.items.map((i: { url: string }) => i.url)).toEqual([`/${a.slug}/faq#faq-${answer}`]);
    expect(faqOnly.total).toBe(1);
    const newsOnly = (await searchSite(harness, a.slug, 'q=аэростат&section=news')).json();
    expect(newsOnly.total).toBe(10);
    expect(newsOnly.items.some((i: { kind: string }) => i.kind === 'faq')).toBe(false);
    // The answer was edited today, the publications went out two days ago and earlier.
    const today = localDate(new Date(), TEST_AGENCY_ZONE);
    const recent = (await searchSite(harness, a.slug, `q=аэростат&from=${today}`)).json();
    expect(recent.items.map((i: { kind: string }) => i.kind)).toEqual(['faq']);

    const b = await siteAgency(harness);
    const bKb = await colleague(harness, b.staff, ['kb_editor']);
    await kbArticle(bKb, {
      sectionId: await kbSection(bKb),
      title: 'Аэростаты ведомства Б',
      visibility: 'public',
    });
    expect((await searchSite(harness, b.slug, 'q=аэростат')).json().total).toBe(1);
    expect((await searchSite(harness, a.slug, 'q=аэростат&section=faq')).json().total).toBe(1);
  });

  it("never finds drafts or another agency's pages", async () => {
    const a = await siteAgency(harness);
    const b = await siteAgency(harness);
    await published(a.staff, { sectionId: a.sectionId('news'), title: 'Субсидия фермерам' });
    await published(
      a.staff,
      { sectionId: a.sectionId('news'), title: 'Субсидия будущая' },
      new Date(Date.now() + DAY),
    );
    expect((await searchSite(harness, a.slug, 'q=субсидии')).json().total).toBe(1);
    expect((await searchSite(harness, b.slug, 'q=субсидии')).json().total).toBe(0);
  });

  it('answers hostile or oversized input with a 400 in Russian, and stop words with nothing', async () => {
    const a = await siteAgency(harness);
    const cases = [
      `q=${'а'.repeat(201)}`,
      'q=',
      'q=x&page=1001',
      'q=x&page=0',
      'q=x&sort=random',
      'q=x&section=../../etc',
      'q=x&from=2026-13-45',
      'q=x&evil=1',
    ];
    for (const query of cases) {
      const response = await searchSite(harness, a.slug, query);
      expect(response.statusCode, query).toBe(400);
      expect(response.json().message).toMatch(/[а-яА-Я]/);
    }
    const backwards = await searchSite(harness, a.slug, 'q=x&from=2026-05-10&to=2026-05-01');
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().field).toBe('querystring.to');
    for (const q of ["'; drop table site_publications; --", '!!! & | ( <', 'и в на']) {
      const response = await searchSite(harness, a.slug, `q=${encodeURIComponent(q)}`);
      expect(response.statusCode, q).toBe(200);
      expect(response.json().total).toBe(0);
    }
    expect((await searchSite(harness, 'no-such-agency', 'q=x')).statusCode).toBe(404);
  });
});
