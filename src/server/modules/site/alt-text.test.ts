import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SITE_IMAGE_ALT_MAX } from '../../../common/site.js';
import { createHarness, type Harness, type StaffClient } from '../../testing/harness.js';
import { SMALL_PDF } from '../../testing/multipart.js';
import { published, siteAgency, uploadTo } from '../../testing/site.js';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness.close());

const get = (url: string) => harness.app.inject({ method: 'GET', url });

const setAlt = (staff: StaffClient, publicationId: string, fileId: string, payload: object) =>
  staff.request({
    method: 'PATCH',
    url: `/api/staff/site/publications/${publicationId}/attachments/${fileId}`,
    payload,
  });

async function pageWithPhoto() {
  const a = await siteAgency(harness);
  const page = await published(a.staff, { sectionId: a.sectionId('news'), title: 'Открытие парка' });
  const photo = await sharp({ create: { width: 600, height: 400, channels: 3, background: 'green' } })
    .jpeg()
    .toBuffer();
  const upload = await uploadTo(a.staff, page.id, 'IMG_2041.jpg', photo);
  expect(upload.statusCode, upload.body).toBe(201);
  const [file] = upload.json<{ id: string; altText: string | null }[]>();
  return { a, page, fileId: file?.id as string, uploaded: file };
}

const imgTag = (html: string) => html.match(/<img [^>]*>/)?.[0] ?? '';

describe('text alternative of a publication image (ГОСТ Р 52872-2019, WCAG 1.1.1)', () => {
  it('is stored as plain text, audited, and read by the portal in place of the file name, escaped', async () => {
    const { a, page, fileId, uploaded } = await pageWithPhoto();
    expect(uploaded?.altText).toBeNull();
    // Without a description the page says what the file name says. (Another address than the one
    // read below: the server keeps a rendered page for a few seconds.)
    expect(imgTag((await get(`/${a.slug}/news/${page.slug}?before`)).body)).toContain('alt="IMG 2041"');

    const saved = await setAlt(a.staff, page.id, fileId, {
      altText:
        '  Глава  района режет ленту у входа в парк «Берёзовый»,\n<b>слева</b> — "дети" & родители<script>alert(1)</script>  ',
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const text = 'Глава района режет ленту у входа в парк «Берёзовый», слева — "дети" & родители';
    expect(saved.json()).toMatchObject({ id: fileId, altText: text });

    const edited = (
      await a.staff.request({ method: 'GET', url: `/api/staff/site/publications/${page.id}` })
    ).json();
    expect(edited.attachments[0].altText).toBe(text);
    const shown = (await get(`/api/public/${a.slug}/site/sections/news/${page.slug}`)).json();
    expect(shown.attachments[0].altText).toBe(text);

    const html = (await get(`/${a.slug}/news/${page.slug}`)).body;
    const escaped =
      'Глава района режет ленту у входа в парк «Берёзовый», слева — &quot;дети&quot; &amp; родители';
    expect(imgTag(html)).toContain(`alt="${escaped}"`);
    expect(html).not.toContain('alert(1)');
    expect(html).not.toContain('IMG 2041');

    const agencyId = await harness.services.agencies.idBySlug(a.slug);
    const trail = await harness.services.audit.list(agencyId, {
      entity: 'site_attachment',
      action: 'update',
    });
    expect(trail.items.map((entry) => [entry.entityId, entry.before, entry.after])).toEqual([
      [
        page.id,
        { id: fileId, name: 'IMG_2041.jpg', altText: null },
        { id: fileId, name: 'IMG_2041.jpg', altText: text },
      ],
    ]);

    // A blank description clears it, and the file name stands in again.
    const cleared = await setAlt(a.staff, page.id, fileId, { altText: '   ' });
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect(cleared.json().altText).toBeNull();
    const again = (await get(`/api/public/${a.slug}/site/sections/news/${page.slug}`)).json();
    expect(again.attachments[0].altText).toBeNull();
  });

  it('refuses a too long description, bare markup, a document and a missing field in Russian, by field, changing nothing', async () => {
    const { a, page, fileId } = await pageWithPhoto();
    const kept = await setAlt(a.staff, page.id, fileId, { altText: 'Вход в парк' });
    expect(kept.statusCode, kept.body).toBe(200);
    const pdf = await uploadTo(a.staff, page.id, 'приказ.pdf', SMALL_PDF);
    const pdfId = pdf.json()[0].id as string;

    const cases: [string, string, object, string][] = [
      ['too long', fileId, { altText: 'а'.repeat(SITE_IMAGE_ALT_MAX + 1) }, 'body.altText'],
      ['bare markup', fileId, { altText: '<img src=x><script>x()</script>' }, 'body.altText'],
      ['a document', pdfId, { altText: 'Приказ' }, 'body.altText'],
      ['no field', fileId, {}, 'body.altText'],
      ['a stranger field', fileId, { altText: 'x', decorative: true }, 'body'],
    ];
    for (const [label, id, payload, field] of cases) {
      const response = await setAlt(a.staff, page.id, id, payload);
      expect(response.statusCode, label).toBe(400);
      expect(response.json().field, label).toMatch(new RegExp(`^${field.replace('.', '\\.')}`));
      expect(response.json().message, label).toMatch(/[а-яё]/i);
    }
    const exact = await setAlt(a.staff, page.id, fileId, { altText: 'б'.repeat(SITE_IMAGE_ALT_MAX) });
    expect(exact.statusCode, exact.body).toBe(200);
    await setAlt(a.staff, page.id, fileId, { altText: 'Вход в парк' });
    const shown = (await get(`/api/public/${a.slug}/site/sections/news/${page.slug}`)).json();
    expect(shown.attachments.map((f: { altText: string | null }) => f.altText)).toEqual([
      'Вход в парк',
      null,
    ]);
  });

  it("lets no other agency's editor read or change it, nor reach an image through another publication", async () => {
    const { a, page, fileId } = await pageWithPhoto();
    await setAlt(a.staff, page.id, fileId, { altText: 'Вход в парк' });
    const b = await siteAgency(harness);
    const theirs = await published(b.staff, { sectionId: b.sectionId('news'), title: 'Своя новость' });

    const foreign = await setAlt(b.staff, page.id, fileId, { altText: 'Подмена' });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.body).not.toContain('Вход в парк');
    const crossed = await setAlt(b.staff, theirs.id, fileId, { altText: 'Подмена' });
    expect(crossed.statusCode).toBe(404);
    // Nor within the agency through a publication the image does not belong to.
    const other = await published(a.staff, { sectionId: a.sectionId('news'), title: 'Другая новость' });
    expect((await setAlt(a.staff, other.id, fileId, { altText: 'Подмена' })).statusCode).toBe(404);

    const shown = (await get(`/api/public/${a.slug}/site/sections/news/${page.slug}`)).json();
    expect(shown.attachments[0].altText).toBe('Вход в парк');
  });
});
