import { inflateSync } from 'node:zlib';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencyWithStaff, createHarness, type Harness, type StaffClient } from '../../testing/harness.js';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness({ PUBLIC_URL: 'https://otklik.example.ru' });
});
afterAll(() => harness.close());

const qr = (staff: StaffClient, query: string) =>
  staff.request({ method: 'GET', url: `/api/staff/qr?${query}` });

/** Reads the PNG's pixels and decodes the QR code in them, as a phone camera would. */
function decodePng(body: Buffer): string | null {
  const png = PNG.sync.read(body);
  // jsqr is CommonJS: under NodeNext its function is the default export's `default`.
  return jsQR.default(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
}

/** The text of every content stream in the PDF, inflated: drawings and text operators. */
function pdfStreams(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  let out = '';
  for (let at = raw.indexOf('stream\n'); at !== -1; at = raw.indexOf('stream\n', at + 1)) {
    const start = at + 'stream\n'.length;
    try {
      out += inflateSync(pdf.subarray(start, raw.indexOf('endstream', start))).toString('latin1');
    } catch {
      // Font programs and images are not all deflated text; only drawings matter here.
    }
  }
  return out;
}

describe('staff QR codes of the agency’s own pages', () => {
  it('encodes the agency’s «Оценить работу» page in a PNG a scanner reads', async () => {
    const { slug, staff } = await agencyWithStaff(harness, ['call_operator']);
    const response = await qr(staff, 'target=rate&format=png');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('image/png');
    expect(response.rawPayload.subarray(0, 8)).toEqual(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    );
    expect(decodePng(response.rawPayload)).toBe(`https://otklik.example.ru/${slug}/rate`);
  });

  it('builds each target’s address: reception, the request form, a survey', async () => {
    const { slug, staff } = await agencyWithStaff(harness, ['operator']);
    const cases = {
      reception: `/${slug}/reception`,
      request: `/${slug}/requests/new`,
      'surveys/nso-2026': `/${slug}/surveys/nso-2026`,
    };
    for (const [target, path] of Object.entries(cases)) {
      const response = await qr(staff, `target=${encodeURIComponent(target)}&format=png`);
      expect(response.statusCode, target).toBe(200);
      expect(decodePng(response.rawPayload)).toBe(`https://otklik.example.ru${path}`);
    }
  });

  it('serves SVG by default: well-formed, square, drawn as one path', async () => {
    const { staff } = await agencyWithStaff(harness, ['operator']);
    const response = await qr(staff, 'target=rate');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^image\/svg\+xml/);
    const svg = response.body;
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]* viewBox="0 0 (\d+) \1"/);
    expect(svg.trim().endsWith('</svg>')).toBe(true);
    expect(svg).toMatch(/<path [^>]*d="M[^"]+"/);
    expect(svg).not.toMatch(/<script|on\w+=/i);
  });

  it('makes an A4 poster PDF with the Cyrillic font, the headline, the code and a link to the page', async () => {
    const { slug, staff } = await agencyWithStaff(harness, ['head']);
    const response = await qr(staff, 'target=rate&format=pdf');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe('attachment; filename="qr-poster-rate.pdf"');
    const pdf = response.rawPayload;
    const raw = pdf.toString('latin1');
    expect(raw.startsWith('%PDF-')).toBe(true);
    expect(raw).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]+\+Roboto-Medium/);
    expect(raw).toContain(`/URI (https://otklik.example.ru/${slug}/rate)`);
    // The vector code: hundreds of filled squares, drawn in the content stream.
    expect((pdfStreams(pdf).match(/ re\b| l\b/g) ?? []).length).toBeGreaterThan(100);
  });

  it('refuses unknown targets, paths, traversal and foreign addresses with a Russian 400', async () => {
    const { staff } = await agencyWithStaff(harness, ['admin']);
    const hostile = [
      'target=admin',
      'target=rate%2F..%2F..%2Fconsole',
      'target=surveys%2F..%2F..%2Fapi',
      'target=surveys%2F',
      'target=surveys%2FUPPER',
      'target=surveys%2Fa%2Fb',
      'target=surveys%2F%2E%2E',
      'target=https%3A%2F%2Fevil.example%2F',
      'target=%2F%2Fevil.example',
      `target=surveys%2F${'a'.repeat(120)}`,
      'target=rate&format=gif',
      'target=rate&url=https%3A%2F%2Fevil.example',
      'target=',
      'format=png',
    ];
    for (const query of hostile) {
      const response = await qr(staff, query);
      expect(response.statusCode, query).toBe(400);
      const body = response.json();
      expect(body.field, query).toMatch(/^query/);
      expect(body.message, query).toMatch(/[а-яё]/i);
    }
  });

  it('answers only to staff, and each agency gets its own address, never another’s', async () => {
    const anonymous = await harness.app.inject({ method: 'GET', url: '/api/staff/qr?target=rate' });
    expect(anonymous.statusCode).toBe(401);
    const a = await agencyWithStaff(harness, ['admin']);
    const b = await agencyWithStaff(harness, ['admin']);
    const fromB = decodePng((await qr(b.staff, 'target=rate&format=png')).rawPayload);
    expect(fromB).toBe(`https://otklik.example.ru/${b.slug}/rate`);
    // There is no way to name agency A: extra parameters are refused.
    const naming = await qr(b.staff, `target=rate&format=png&agency=${a.slug}`);
    expect(naming.statusCode).toBe(400);
  });
});
