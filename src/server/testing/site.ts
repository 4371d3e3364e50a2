import JSZip from 'jszip';
import { renderPdf } from '../lib/pdf.js';
import { agencyWithStaff, type Harness, type StaffClient } from './harness.js';
import { multipartBody } from './multipart.js';

/** An agency with a logged-in site editor and its site sections by slug. */
export async function siteAgency(harness: Harness) {
  const a = await agencyWithStaff(harness, ['site_editor']);
  const sections = (await a.staff.request({ method: 'GET', url: '/api/staff/site/sections' })).json<
    { id: string; slug: string }[]
  >();
  const sectionId = (slug: string) => sections.find((s) => s.slug === slug)?.id as string;
  return { ...a, sectionId };
}

export interface DraftFields {
  sectionId: string;
  title: string;
  body?: string;
  summary?: string;
  disclosureItem?: string | null;
}

export async function draft(staff: StaffClient, fields: DraftFields) {
  const response = await staff.request({
    method: 'POST',
    url: '/api/staff/site/publications',
    payload: { body: '', ...fields },
  });
  if (response.statusCode !== 201) throw new Error(`draft failed: ${response.body}`);
  return response.json<{ id: string; slug: string }>();
}

export async function publish(staff: StaffClient, id: string, publishAt: Date | null = null) {
  const response = await staff.request({
    method: 'POST',
    url: `/api/staff/site/publications/${id}/publish`,
    payload: { publishAt: publishAt?.toISOString() ?? null },
  });
  if (response.statusCode !== 200) throw new Error(`publish failed: ${response.body}`);
  return response.json<{ state: string }>();
}

/** Drafts and publishes at once; `publishAt` in the past back-dates it (for sorting by date). */
export async function published(staff: StaffClient, fields: DraftFields, publishAt: Date | null = null) {
  const created = await draft(staff, fields);
  await publish(staff, created.id, publishAt);
  return created;
}

export const uploadTo = (staff: StaffClient, publicationId: string, name: string, content: Buffer) =>
  staff.request({
    method: 'POST',
    url: `/api/staff/site/publications/${publicationId}/attachments`,
    ...multipartBody({}, [{ name, content }]),
  });

export const pdfWith = (text: string) => renderPdf({ content: [text] });

/** The smallest DOCX Word and mammoth read: one paragraph of text. */
export async function docxWith(text: string): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`,
  );
  return zip.generateAsync({ type: 'nodebuffer' });
}

export const searchSite = (harness: Harness, slug: string, query: string) =>
  harness.app.inject({ method: 'GET', url: `/api/public/${slug}/search?${query}` });
