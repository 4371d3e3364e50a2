import { Readable } from 'node:stream';
import type { Message } from 'grammy/types';
import { sizeText } from '../../../../common/attachments.js';
import type { Upload } from '../../../http/uploads.js';
import type { AttachmentStore } from '../../../lib/attachment-store.js';
import { ALLOWED_LABELS, detectAllowedType } from '../../../lib/file-kinds.js';
import type { OpenAccount } from '../accounts.service.js';
import { botApi, botSettings, describeFailure } from './client.js';

interface Wanted {
  fileId: string;
  name: string;
  size: number | undefined;
}

/** The files a message carries: the largest size of a photo, or the document. */
function wantedFiles(message: Message): Wanted[] {
  const wanted: Wanted[] = [];
  const photo = message.photo?.at(-1);
  if (photo)
    wanted.push({ fileId: photo.file_id, name: `photo-${message.message_id}.jpg`, size: photo.file_size });
  if (message.document) {
    wanted.push({
      fileId: message.document.file_id,
      name: message.document.file_name || `document-${message.message_id}`,
      size: message.document.file_size,
    });
  }
  return wanted;
}

async function download(url: string, maxBytes: number): Promise<Buffer | null> {
  const response = await fetch(url);
  if (!response.ok || !response.body) throw new Error(`Telegram не отдал файл: HTTP ${response.status}`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.length;
    if (size > maxBytes) return null;
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

/**
 * Fetches a message's photo or document (getFile, then the file URL) into the attachment store,
 * within the same size and type rules as the portal and within `roomBytes`, what is left of the
 * agency's file quota. A file refused by those rules leaves a note for the request's text
 * instead, so staff know the client sent it; a network failure throws, and the update is taken
 * again later.
 */
export async function fetchMessageFiles(
  account: OpenAccount,
  message: Message,
  store: AttachmentStore,
  limits: { maxBytes: number; roomBytes: number },
): Promise<{ files: Upload[]; notes: string[] }> {
  const { maxBytes } = limits;
  const files: Upload[] = [];
  const notes: string[] = [];
  let left = limits.roomBytes;
  const api = botApi(account);
  try {
    for (const wanted of wantedFiles(message)) {
      if (wanted.size !== undefined && wanted.size > maxBytes) {
        notes.push(`Файл «${wanted.name}» не принят: больше ${sizeText(maxBytes)}`);
        continue;
      }
      let file: Awaited<ReturnType<typeof api.getFile>>;
      try {
        file = await api.getFile(wanted.fileId);
      } catch (error) {
        throw new Error(`Не удалось получить файл из Telegram: ${describeFailure(error)}`);
      }
      if (!file.file_path) throw new Error('Telegram не сообщил путь к файлу');
      const url = `${botSettings(account).apiRoot}/file/bot${account.secrets.botToken}/${file.file_path}`;
      const content = await download(url, maxBytes);
      if (!content) {
        notes.push(`Файл «${wanted.name}» не принят: больше ${sizeText(maxBytes)}`);
        continue;
      }
      const mimeType = await detectAllowedType(content, wanted.name);
      if (!mimeType) {
        notes.push(`Файл «${wanted.name}» не принят: такой тип не принимается (допустимы ${ALLOWED_LABELS})`);
        continue;
      }
      if (content.length > left) {
        notes.push(`Файл «${wanted.name}» не принят: хранилище файлов ведомства заполнено`);
        continue;
      }
      const blob = await store.write(account.agencyId, Readable.from(content));
      files.push({ name: wanted.name, mimeType, ...blob });
      left -= blob.size;
    }
  } catch (error) {
    await Promise.all(files.map((file) => store.remove(account.agencyId, file.key)));
    throw error;
  }
  return { files, notes };
}
