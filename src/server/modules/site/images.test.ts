import { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../testing/harness.js';
import { SMALL_PDF } from '../../testing/multipart.js';
import { published, siteAgency, uploadTo } from '../../testing/site.js';
import * as repo from './repo.js';

// Small enough that a noisy picture passes it only as the oversize case.
const MAX_BYTES = 200_000;

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness({ ATTACHMENT_MAX_BYTES: String(MAX_BYTES) });
});
afterAll(() => harness.close());

const get = (url: string) => harness.app.inject({ method: 'GET', url });

const solid = (width: number, height: number, channels: 3 | 4 = 3) =>
  sharp({ create: { width, height, channels, background: { r: 40, g: 90, b: 160, alpha: 0.5 } } });

/** A PNG whose header claims `width` × `height` pixels: a few dozen bytes, gigabytes once decoded. */
function pngClaiming(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', Buffer.from([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

async function pageWithImage(name: string, content: Buffer) {
  const a = await siteAgency(harness);
  const page = await published(a.staff, { sectionId: a.sectionId('news'), title: 'Фасад после реставрации' });
  const upload = await uploadTo(a.staff, page.id, name, content);
  return { a, page, upload };
}

describe('images of publications (issue 10 p. 7)', () => {
  it('makes WebP and JPEG copies of a photo at the standard widths below its own, served for a year', async () => {
    const photo = await solid(2000, 1000).jpeg().toBuffer();
    const { a, page, upload } = await pageWithImage('фасад_после-реставрации.jpg', photo);
    expect(upload.statusCode, upload.body).toBe(201);
    const [file] = upload.json();
    // The editor sees the copies by size, never the storage keys.
    expect(file.storageKey).toBeUndefined();
    expect(file.image).toEqual({
      width: 1600,
      height: 800,
      variants: [
        { width: 480, format: 'webp' },
        { width: 480, format: 'jpeg' },
        { width: 960, format: 'webp' },
        { width: 960, format: 'jpeg' },
        { width: 1600, format: 'webp' },
        { width: 1600, format: 'jpeg' },
      ],
    });

    const edited = (
      await a.staff.request({ method: 'GET', url: `/api/staff/site/publications/${page.id}` })
    ).json();
    expect(edited.attachments[0]).not.toHaveProperty('storageKey');
    expect(edited.attachments[0].image).toEqual(file.image);
    const shown = (await get(`/api/public/${a.slug}/site/sections/news/${page.slug}`)).json();
    expect(shown.attachments[0].image).toEqual(file.image);
    const base = `/api/public/${a.slug}/site/images/${page.id}/${file.id}`;
    for (const [name, width, format] of [
      ['480.webp', 480, 'webp'],
      ['960.jpeg', 960, 'jpeg'],
      ['1600.webp', 1600, 'webp'],
    ] as const) {
      const copy = await get(`${base}/${name}`);
      expect(copy.statusCode, name).toBe(200);
      expect(copy.headers['content-type']).toBe(`image/${format}`);
      expect(copy.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      const meta = await sharp(copy.rawPayload).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual([format, width, width / 2]);
    }
    expect((await get(`${base}/2000.webp`)).statusCode).toBe(404);
    expect((await get(`${base}/960.png`)).statusCode).toBe(404);
    expect((await get(`${base}/960.gif`)).statusCode).toBe(400);

    // The server-rendered page lets the browser choose, keeps the image's place and loads it late.
    const html = (await get(`/${a.slug}/news/${page.slug}`)).body;
    expect(html).toContain(
      `<source type="image/webp" srcSet="${base}/480.webp 480w, ${base}/960.webp 960w, ${base}/1600.webp 1600w"`,
    );
    expect(html).toMatch(
      /<img[^>]*srcSet="[^"]*\/960\.jpeg 960w[^"]*"[^>]*width="1600" height="800"[^>]*alt="фасад после реставрации" loading="lazy"/,
    );
    expect(html).toContain('sizes="(max-width: 48rem) 100vw, 48rem"');
  });

  it('keeps transparency in PNG copies and never enlarges a small picture', async () => {
    const { a, page, upload } = await pageWithImage('схема.png', await solid(300, 200, 4).png().toBuffer());
    expect(upload.statusCode, upload.body).toBe(201);
    const copy = await get(`/api/public/${a.slug}/site/images/${page.id}/${upload.json()[0].id}/300.png`);
    const meta = await sharp(copy.rawPayload).metadata();
    expect([meta.format, meta.width, meta.height, meta.hasAlpha]).toEqual(['png', 300, 200, true]);
    expect(upload.json()[0].image).toEqual({
      width: 300,
      height: 200,
      variants: [
        { width: 300, format: 'webp' },
        { width: 300, format: 'png' },
      ],
    });
  });

  it('refuses a decompression bomb, a broken picture, a non-image named as one and an oversize file, in Russian', async () => {
    const cases: [string, Buffer, string][] = [
      ['бомба.png', pngClaiming(100_000, 100_000), 'image_too_large'],
      ['обрезанное.jpg', (await solid(800, 600).jpeg().toBuffer()).subarray(0, 300), 'image_unreadable'],
      ['фото.jpg', SMALL_PDF, 'not_an_image'],
      ['текст.png', Buffer.from('это не картинка'), 'file_type_not_allowed'],
      [
        'шум.png',
        await sharp({
          create: {
            width: 400,
            height: 400,
            channels: 3,
            background: 'white',
            noise: { type: 'gaussian', mean: 128, sigma: 60 },
          },
        })
          .png()
          .toBuffer(),
        'file_too_large',
      ],
    ];
    const a = await siteAgency(harness);
    const page = await published(a.staff, { sectionId: a.sectionId('news'), title: 'Галерея' });
    for (const [name, content, code] of cases) {
      const response = await uploadTo(a.staff, page.id, name, content);
      expect(response.statusCode, name).toBe(400);
      expect(response.json(), name).toMatchObject({ error: code, field: 'body.files' });
      expect(response.json().message, name).toMatch(/[а-яё]/i);
    }
    expect((await get(`/api/public/${a.slug}/site/sections/news/${page.slug}`)).json().attachments).toEqual(
      [],
    );
  });

  it("serves the original of an image uploaded before copies were made, and no other agency's or hidden image", async () => {
    const a = await siteAgency(harness);
    const page = await published(a.staff, { sectionId: a.sectionId('news'), title: 'Старая новость' });
    const agencyId = await harness.services.sitePublic.attachmentAgency(a.slug);
    const store = harness.services.attachmentStore;
    const photo = await solid(640, 480).jpeg().toBuffer();
    const blob = await store.write(agencyId, Readable.from(photo));
    const [legacy] = await repo.insertAttachments(harness.services.database.db, [
      {
        agencyId,
        publicationId: page.id,
        fileName: 'старое.jpg',
        contentType: 'image/jpeg',
        size: blob.size,
        storageKey: blob.key,
      },
    ]);
    const id = legacy?.id as string;
    const shown = (await get(`/api/public/${a.slug}/site/sections/news/${page.slug}`)).json();
    expect(shown.attachments[0].image).toEqual({ width: null, height: null, variants: [] });
    const original = await get(`/api/public/${a.slug}/site/images/${page.id}/${id}/960.webp`);
    expect(original.statusCode).toBe(200);
    expect(original.headers['content-type']).toBe('image/jpeg');
    expect(original.headers['cache-control']).toBe('public, max-age=300');
    expect(original.rawPayload.equals(photo)).toBe(true);
    const html = (await get(`/${a.slug}/news/${page.slug}`)).body;
    expect(html).toMatch(
      new RegExp(`<img src="/api/public/${a.slug}/site/files/${page.id}/${id}" alt="старое" loading="lazy"`),
    );

    const b = await siteAgency(harness);
    expect((await get(`/api/public/${b.slug}/site/images/${page.id}/${id}/960.webp`)).statusCode).toBe(404);
    const unpublished = await a.staff.request({
      method: 'POST',
      url: `/api/staff/site/publications/${page.id}/unpublish`,
    });
    expect(unpublished.statusCode).toBe(200);
    expect((await get(`/api/public/${a.slug}/site/images/${page.id}/${id}/960.webp`)).statusCode).toBe(404);
  });

  it('removes the copies with the image', async () => {
    const { a, page, upload } = await pageWithImage('план.jpg', await solid(1000, 500).jpeg().toBuffer());
    const [file] = upload.json();
    const agencyId = await harness.services.sitePublic.attachmentAgency(a.slug);
    const [row] = await repo.listAttachments(harness.services.database.db, agencyId, page.id);
    const keys = [row?.storageKey, ...(row?.variants ?? []).map((v) => v.key)] as string[];
    // The original, and 480, 960 and its own 1000 pixels wide, each as WebP and JPEG.
    expect(keys).toHaveLength(7);
    const store = harness.services.attachmentStore;
    await Promise.all(keys.map((key) => store.read(agencyId, key)));
    // The agency's file quota (ASVS 12.1.3) counts the copies with the original, and frees both.
    const copiesBytes = (row?.variants ?? []).reduce((sum, variant) => sum + variant.size, 0);
    const used = async () => (await harness.services.fileQuota.storage(agencyId)).usedBytes;
    expect(await used()).toBe((row?.size ?? 0) + copiesBytes);
    const removed = await a.staff.request({
      method: 'DELETE',
      url: `/api/staff/site/publications/${page.id}/attachments/${file.id}`,
    });
    expect(removed.statusCode).toBe(204);
    for (const key of keys) await expect(store.read(agencyId, key)).rejects.toThrow(/ENOENT/);
    expect(await used()).toBe(0);
  });
});
