import JSZip from 'jszip';
import type { ClientRequest } from '../requests/client-link.service.js';
import { STATUS_TITLES } from '../requests/lifecycle.js';
import { channelTitle, localDateTime } from './pdf.js';

/** A file another capability holds for the client's requests (attachments, scans). */
export interface HistoryFile {
  name: string;
  bytes: Uint8Array;
}

/**
 * Supplies the stored attachments of the given requests; the attachments capability wires its own
 * at merge. Until then there are none.
 */
export type AttachmentProvider = (agencyId: string, requestIds: string[]) => Promise<HistoryFile[]>;
export const noAttachments: AttachmentProvider = async () => [];

/** A file name that is safe in every archiver: no separators, no control characters. */
export function safeName(name: string): string {
  const cleaned = name
    .replace(/[\p{Cc}/\\:*?"<>|]/gu, '_')
    .replace(/^\.+/, '_')
    .trim()
    .slice(0, 120);
  return cleaned || 'file';
}

function uniqueIn(taken: Set<string>, path: string): string {
  let candidate = path;
  for (let n = 2; taken.has(candidate); n += 1) {
    const dot = path.lastIndexOf('.');
    candidate =
      dot > path.lastIndexOf('/') ? `${path.slice(0, dot)} (${n})${path.slice(dot)}` : `${path} (${n})`;
  }
  taken.add(candidate);
  return candidate;
}

/** The client's own text and every public message of the agency, each as plain text. */
export function messageFiles(request: ClientRequest, timezone: string): { path: string; text: string }[] {
  const folder = `messages/${safeName(request.number)}`;
  const at = (d: Date) => localDateTime(d, timezone);
  const files = [
    {
      path: `${folder}/01-обращение.txt`,
      text: `№ ${request.number}\nПоступило: ${at(request.receivedAt)}\nКанал: ${channelTitle(request.channel)}\nОт: ${request.contactName}\n\n${request.text}\n`,
    },
  ];
  const notes = request.events.filter((e) => e.isPublic && e.note);
  notes.forEach((e, i) => {
    files.push({
      path: `${folder}/${String(i + 2).padStart(2, '0')}-${e.status}.txt`,
      text: `№ ${request.number}\n${at(e.at)} — ${STATUS_TITLES[e.status]}\n\n${e.note}\n`,
    });
  });
  return files;
}

/** A further file at the archive's root, e.g. the 152-ФЗ export's JSON and PDF. */
export interface ArchiveExtra {
  path: string;
  content: string | Buffer;
}

export async function buildArchive(input: {
  pdf: Buffer;
  requests: ClientRequest[];
  timezone: string;
  attachments: HistoryFile[];
  extra?: ArchiveExtra[];
}): Promise<{ zip: Buffer; fileCount: number }> {
  const zip = new JSZip();
  const taken = new Set<string>();
  zip.file('history.pdf', input.pdf);
  for (const file of input.extra ?? []) zip.file(uniqueIn(taken, file.path), file.content);
  for (const request of input.requests) {
    for (const file of messageFiles(request, input.timezone)) zip.file(uniqueIn(taken, file.path), file.text);
  }
  for (const file of input.attachments) {
    zip.file(uniqueIn(taken, `attachments/${safeName(file.name)}`), file.bytes);
  }
  const fileCount = Object.values(zip.files).filter((f) => !f.dir).length;
  return { zip: await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }), fileCount };
}
