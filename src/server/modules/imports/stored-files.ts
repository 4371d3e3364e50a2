import { Readable } from 'node:stream';
import { sizeText } from '../../../common/attachments.js';
import { removeUploads, type Upload } from '../../http/uploads.js';
import type { AttachmentStore } from '../../lib/attachment-store.js';
import { Invalid } from '../../lib/errors.js';
import { ALLOWED_LABELS, detectAllowedType } from '../../lib/file-kinds.js';

export interface FileContent {
  name: string;
  bytes: Buffer;
}

export interface FileLimits {
  maxBytes: number;
  maxCount: number;
}

/**
 * Files that came inside an imported message (a МЭДО container, an e-mail) into the attachment
 * store under the same rules as a client's upload; one refused file refuses them all.
 */
export async function storeFiles(
  store: AttachmentStore,
  agencyId: string,
  files: FileContent[],
  limits: FileLimits,
  field: string,
): Promise<Upload[]> {
  if (files.length > limits.maxCount) {
    throw new Invalid(
      field,
      `Вложений ${files.length}, а принимается не больше ${limits.maxCount}`,
      'too_many_files',
    );
  }
  const types: string[] = [];
  for (const file of files) {
    const refuse = (reason: string) => new Invalid(field, `Файл «${file.name}» ${reason}`, 'file_refused');
    if (file.bytes.length === 0) throw refuse('пустой');
    if (file.bytes.length > limits.maxBytes) throw refuse(`больше ${sizeText(limits.maxBytes)}`);
    const mimeType = await detectAllowedType(file.bytes, file.name);
    if (!mimeType) throw refuse(`— такой тип файла не принимается (допустимы ${ALLOWED_LABELS})`);
    types.push(mimeType);
  }
  const stored: Upload[] = [];
  try {
    for (const [i, file] of files.entries()) {
      const blob = await store.write(agencyId, Readable.from([file.bytes]));
      stored.push({ name: file.name, mimeType: types[i] as string, ...blob });
    }
  } catch (error) {
    await removeUploads(store, agencyId, stored);
    throw error;
  }
  return stored;
}
