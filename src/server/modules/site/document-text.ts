import mammoth from 'mammoth';
import { extractText, getDocumentProxy } from 'unpdf';
import { inspectZip } from '../../lib/zip-guard.js';

/** How much of a document's text goes into search: enough for a long order, not a whole book. */
const MAX_TEXT = 200_000;
/** A long order is a few megabytes inside its DOCX; a document that unpacks to more is not indexed. */
export const DOCX_LIMITS = { maxInflatedBytes: 64 * 1_048_576, maxEntries: 2000 };

/**
 * The text of an attached PDF or DOCX for search (issue 10 p. 2). A file that cannot be read
 * (a scan without a text layer, a damaged file, a DOCX that would unpack beyond DOCX_LIMITS) is
 * still attached; it is just not searchable.
 */
export async function documentText(contentType: string, content: Buffer): Promise<string> {
  try {
    if (contentType === 'application/pdf') {
      const pdf = await getDocumentProxy(new Uint8Array(content));
      const { text } = await extractText(pdf, { mergePages: true });
      return text.slice(0, MAX_TEXT);
    }
    if (contentType === 'application/vnd.openxmlformats-officedocument.wordprocessingml.document') {
      if (!inspectZip(content, DOCX_LIMITS).ok) return '';
      const { value } = await mammoth.extractRawText({ buffer: content });
      return value.slice(0, MAX_TEXT);
    }
  } catch {
    return '';
  }
  return '';
}
