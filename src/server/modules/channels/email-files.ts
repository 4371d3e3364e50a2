import { Readable } from 'node:stream';
import { sizeText } from '../../../common/attachments.js';
import type { Upload } from '../../http/uploads.js';
import type { AttachmentStore } from '../../lib/attachment-store.js';
import { ALLOWED_LABELS, detectAllowedType } from '../../lib/file-kinds.js';
import { cleanText, type MailFile } from './email-mime.js';

export interface FileLimits {
  maxBytes: number;
  maxCount: number;
}

/**
 * Keeps a letter's files under the same rules as the portal's (size, count, allowed types) and
 * within `roomBytes`, what is left of the agency's file quota. A file that breaks a rule is left
 * out with a note for staff: the letter itself is never refused for it, since the sender cannot
 * fix it in a form.
 */
export async function storeMailFiles(
  store: AttachmentStore,
  agencyId: string,
  files: MailFile[],
  limits: FileLimits,
  roomBytes: number,
): Promise<{ uploads: Upload[]; notes: string[] }> {
  const uploads: Upload[] = [];
  const notes: string[] = [];
  let left = roomBytes;
  for (const [index, file] of files.entries()) {
    const name = cleanText(file.filename).slice(0, 255) || `вложение-${index + 1}`;
    if (uploads.length >= limits.maxCount) {
      notes.push(`Файл «${name}» не сохранён: в обращении не больше ${limits.maxCount} файлов`);
      continue;
    }
    if (file.content.length > limits.maxBytes) {
      notes.push(`Файл «${name}» не сохранён: он больше ${sizeText(limits.maxBytes)}`);
      continue;
    }
    if (file.content.length === 0) {
      notes.push(`Файл «${name}» не сохранён: он пустой`);
      continue;
    }
    const mimeType = await detectAllowedType(file.content, name);
    if (!mimeType) {
      notes.push(`Файл «${name}» не сохранён: такой тип не принимается (допустимы ${ALLOWED_LABELS})`);
      continue;
    }
    if (file.content.length > left) {
      notes.push(`Файл «${name}» не сохранён: хранилище файлов ведомства заполнено`);
      continue;
    }
    const blob = await store.write(agencyId, Readable.from([file.content]));
    uploads.push({ name, mimeType, ...blob });
    left -= blob.size;
  }
  return { uploads, notes };
}
