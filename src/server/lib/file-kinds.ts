import { fileTypeFromBuffer } from 'file-type';
import { ALLOWED_LABELS } from '../../common/attachments.js';

export { ALLOWED_LABELS };

/** What clients and staff may attach: office documents, scans and plain text — nothing executable. */
const BY_MAGIC: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/gif': 'GIF',
  'image/tiff': 'TIFF',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'DOCX',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'XLSX',
  'application/vnd.oasis.opendocument.text': 'ODT',
  'application/vnd.oasis.opendocument.spreadsheet': 'ODS',
  'application/rtf': 'RTF',
};

// Old Word and Excel files share one container format (OLE / CFB); the name tells which it is.
const OLE_BY_EXTENSION: Record<string, string> = {
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
};
const TEXT_BY_EXTENSION: Record<string, string> = { txt: 'text/plain', csv: 'text/csv' };

const extensionOf = (name: string) => name.toLowerCase().match(/\.([a-z0-9]{1,8})$/)?.[1] ?? '';

/** Plain text has no magic bytes: no control characters but tab, line breaks and form feed. */
function looksLikeText(content: Buffer): boolean {
  for (const byte of content) {
    if ((byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) || byte === 0x7f) {
      return false;
    }
  }
  return true;
}

/**
 * The MIME type of an allowed file, judged by its content (a renamed .exe stays an .exe), or null.
 * `content` is the whole file: text files need all of it, the rest only the first bytes.
 */
export async function detectAllowedType(content: Buffer, name: string): Promise<string | null> {
  const detected = await fileTypeFromBuffer(content);
  const extension = extensionOf(name);
  if (detected) {
    if (detected.mime in BY_MAGIC) return detected.mime;
    if (detected.ext === 'cfb') return OLE_BY_EXTENSION[extension] ?? null;
    return null;
  }
  const textMime = TEXT_BY_EXTENSION[extension];
  return textMime && content.length > 0 && looksLikeText(content) ? textMime : null;
}
