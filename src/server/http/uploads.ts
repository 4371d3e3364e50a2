import type { FastifyRequest } from 'fastify';
import { sizeText } from '../../common/attachments.js';
import type { AttachmentStore } from '../lib/attachment-store.js';
import { Invalid, StorageFull } from '../lib/errors.js';
import { ALLOWED_LABELS, detectAllowedType } from '../lib/file-kinds.js';

/** A file written to the attachment store, its type judged by content. */
export interface Upload {
  name: string;
  key: string;
  size: number;
  sha256: string;
  mimeType: string;
}

export interface UploadLimits {
  maxBytes: number;
  maxCount: number;
}

/** ASVS 12.1.3: what is left of the agency's file quota; files past it refuse the form. */
export interface UploadRoom {
  bytes: number;
  audience: 'public' | 'staff';
}

const FIELD = 'body.files';

/** A name we can show and put in a Content-Disposition: well-formed, printable, not too long. */
function checkedName(raw: string): string {
  const name = raw.normalize('NFC').trim();
  // busboy turns bytes that are not UTF-8 into U+FFFD; a lone surrogate cannot reach a database.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we reject
  if (!name.isWellFormed() || /[\u0000-\u001f\u007f\ufffd]/.test(name)) {
    throw new Invalid(
      FIELD,
      'Имя файла повреждено (недопустимые символы): переименуйте файл',
      'malformed_file_name',
    );
  }
  if (name.length > 255) throw new Invalid(FIELD, `Имя файла «${name.slice(0, 40)}…» длиннее 255 символов`);
  return name;
}

export const removeUploads = (store: AttachmentStore, agencyId: string, files: Upload[]) =>
  Promise.all(files.map((file) => store.remove(agencyId, file.key)));

const LIMIT_ERRORS: Record<string, (limits: UploadLimits) => Invalid> = {
  FST_FILES_LIMIT: (l) => new Invalid(FIELD, `Не больше ${l.maxCount} файлов`, 'too_many_files'),
  FST_PARTS_LIMIT: () => new Invalid('body', 'Слишком много полей в форме', 'too_many_parts'),
  FST_FIELDS_LIMIT: () => new Invalid('body', 'Слишком много полей в форме', 'too_many_parts'),
};

/** Writes one file part to the store, then checks its size and type; a rejected file is removed. */
async function storePart(
  part: { filename: string; file: NodeJS.ReadableStream & { truncated?: boolean } },
  store: AttachmentStore,
  agencyId: string,
  limits: UploadLimits,
): Promise<Upload | null> {
  const name = checkedName(part.filename);
  const blob = await store.write(agencyId, part.file as never);
  if (!name && blob.size === 0) return null; // an empty file input sends a nameless empty part
  const reject = async (message: string, code: string) => {
    await store.remove(agencyId, blob.key);
    return new Invalid(FIELD, message, code);
  };
  if (!name) throw await reject('У файла нет имени', 'malformed_file_name');
  if (part.file.truncated) {
    throw await reject(`Файл «${name}» больше ${sizeText(limits.maxBytes)}`, 'file_too_large');
  }
  if (blob.size === 0) throw await reject(`Файл «${name}» пустой`, 'file_empty');
  const mimeType = await detectAllowedType(await store.read(agencyId, blob.key), name);
  if (!mimeType) {
    throw await reject(
      `Файл «${name}»: такой тип файла не принимается (допустимы ${ALLOWED_LABELS})`,
      'file_type_not_allowed',
    );
  }
  return { name, mimeType, ...blob };
}

/**
 * Reads a multipart form: text fields as strings, files (field `files`) into the store. On any
 * error every file already written is removed, so a refused form leaves nothing behind. The
 * quota is checked for good in the transaction that writes the file rows; `room` only spares
 * the disk a form that cannot fit.
 */
export async function readUploads(
  request: FastifyRequest,
  store: AttachmentStore,
  agencyId: string,
  limits: UploadLimits,
  room?: UploadRoom,
): Promise<{ fields: Record<string, string>; files: Upload[] }> {
  const fields: Record<string, string> = {};
  const files: Upload[] = [];
  let left = room?.bytes ?? Number.POSITIVE_INFINITY;
  const parts = request.parts({
    limits: {
      fileSize: limits.maxBytes,
      files: limits.maxCount,
      fields: 30,
      parts: 40,
      fieldSize: 256 * 1024,
    },
  });
  try {
    for await (const part of parts) {
      if (part.type === 'field') {
        // A JSON-typed part arrives parsed and an over-long one truncated: neither is the text sent.
        if (typeof part.value !== 'string' || part.valueTruncated) {
          throw new Invalid(
            `body.${part.fieldname}`,
            'Поле формы должно быть обычным текстом разумной длины',
          );
        }
        fields[part.fieldname] = part.value;
        continue;
      }
      if (part.fieldname !== 'files') {
        part.file.resume();
        throw new Invalid(FIELD, 'Файлы передаются в поле «files»');
      }
      if (room && left <= 0) {
        part.file.resume();
        throw new StorageFull(FIELD, room.audience);
      }
      const upload = await storePart(part, store, agencyId, limits);
      if (!upload) continue;
      files.push(upload);
      left -= upload.size;
      if (room && left < 0) throw new StorageFull(FIELD, room.audience);
    }
  } catch (error) {
    await removeUploads(store, agencyId, files);
    const limit = LIMIT_ERRORS[(error as { code?: string }).code ?? ''];
    throw limit ? limit(limits) : error;
  }
  return { fields, files };
}
