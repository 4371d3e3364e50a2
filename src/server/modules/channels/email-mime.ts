import { createHash } from 'node:crypto';
import { type AddressObject, simpleParser } from 'mailparser';

export interface MailFile {
  filename: string;
  content: Buffer;
}

/** What Otklik needs of an inbound e-mail, read leniently: a broken letter still yields its text. */
export interface InboundMail {
  /** The Message-ID header, or a hash of the raw bytes when the sender set none. */
  messageId: string;
  /** In-Reply-To and References: the messages this one answers, ours among them. */
  answers: string[];
  subject: string;
  from: { address: string; name: string } | null;
  /** Readable text: control characters removed, never empty when `readable` is true. */
  text: string;
  readable: boolean;
  files: MailFile[];
  /** A delivery status notification: the Message-IDs it reports on and the server's diagnosis. */
  bounce: { reports: string[]; diagnostic: string } | null;
}

const MESSAGE_ID = /<[^<>\s]+>/g;
const TEXT_LIMIT = 100_000;

/** Strips what a database or a screen cannot hold: NUL and other control bytes, broken surrogates. */
export function cleanText(value: string): string {
  return (
    value
      .toWellFormed()
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we remove
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/g, '')
      .replace(/\r\n?/g, '\n')
      .trim()
  );
}

const fromHtml = (html: string) =>
  html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<br\s*\/?>|<\/p>|<\/div>/gi, '\n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/[ \t]+/g, ' ');

function firstAddress(value: AddressObject | AddressObject[] | undefined) {
  const entry = (Array.isArray(value) ? value[0] : value)?.value[0];
  return entry?.address ? { address: entry.address.toLowerCase(), name: cleanText(entry.name ?? '') } : null;
}

const idsIn = (value: string | string[] | undefined) =>
  (Array.isArray(value) ? value.join(' ') : (value ?? '')).match(MESSAGE_ID) ?? [];

/** A DSN's diagnosis and the Message-IDs of the returned original (RFC 3464). */
function readBounce(raw: string, ownId: string) {
  const field = (name: string) =>
    new RegExp(`^${name}:[ \\t]*(.+(?:\\r?\\n[ \\t]+.+)*)`, 'im').exec(raw)?.[1]?.replace(/\s+/g, ' ');
  const reports = [...raw.matchAll(/^Message-ID:[ \t]*(<[^<>\s]+>)/gim)]
    .map((match) => match[1] as string)
    .filter((id) => id !== ownId);
  const diagnostic = field('Diagnostic-Code') ?? field('Status') ?? 'адрес недоступен';
  return { reports, diagnostic: cleanText(diagnostic).slice(0, 500) };
}

const isBounce = (contentType: string, from: string | null, envelopeFrom: string | null) =>
  (/multipart\/report/i.test(contentType) && /report-type="?delivery-status/i.test(contentType)) ||
  /^(mailer-daemon|postmaster)@/i.test(from ?? '') ||
  envelopeFrom === '';

/**
 * Reads a raw message. `envelopeFrom` is the SMTP MAIL FROM ('' for the null sender of a
 * bounce), used when the letter has no From of its own.
 */
export async function readMail(raw: Buffer, envelopeFrom: string | null): Promise<InboundMail> {
  const hashId = `<${createHash('sha256').update(raw).digest('hex')}@otklik.hash>`;
  const rawText = raw.toString('utf8');
  let parsed: Awaited<ReturnType<typeof simpleParser>> | null = null;
  try {
    parsed = await simpleParser(raw, { skipHtmlToText: false, skipTextToHtml: true });
  } catch {
    // Beyond repair as MIME: the bytes after the header block may still be a readable letter.
    parsed = null;
  }
  const messageId = idsIn(parsed?.messageId)[0] ?? hashId;
  const from = firstAddress(parsed?.from) ?? (envelopeFrom ? { address: envelopeFrom, name: '' } : null);
  const text =
    [parsed?.text, typeof parsed?.html === 'string' ? fromHtml(parsed.html) : '', rawBody(rawText)]
      .map((body) => cleanText(body ?? '').slice(0, TEXT_LIMIT))
      .find(isReadable) ?? '';
  const contentType = rawContentType(rawText);
  return {
    messageId,
    answers: [...idsIn(parsed?.inReplyTo), ...idsIn(parsed?.references)],
    subject: cleanText(parsed?.subject ?? '').slice(0, 500),
    from,
    text,
    readable: isReadable(text),
    files: (parsed?.attachments ?? [])
      .filter((file) => !file.related && !/^message\/|^text\/rfc822-headers/i.test(file.contentType))
      .map((file) => ({ filename: file.filename ?? '', content: file.content })),
    bounce: isBounce(contentType, from?.address ?? null, envelopeFrom)
      ? readBounce(rawText, messageId)
      : null,
  };
}

const isReadable = (text: string) => /[\p{L}\p{N}]/u.test(text);

/** What follows the header block, MIME boundaries and part headers left out: a broken letter's words. */
const rawBody = (raw: string) => {
  const separator = raw.search(/\r?\n\r?\n/);
  return separator === -1
    ? ''
    : raw
        .slice(separator)
        .split(/\r?\n/)
        .filter((line) => !/^--|^Content-[\w-]+:/i.test(line))
        .join('\n');
};

/** The top-level Content-Type with its parameters, unfolded, as the sender wrote it. */
function rawContentType(raw: string): string {
  const headers = raw.slice(0, Math.max(0, raw.search(/\r?\n\r?\n/)));
  return /^Content-Type:[ \t]*(.+(?:\r?\n[ \t]+.+)*)/im.exec(headers)?.[1]?.replace(/\s+/g, ' ') ?? '';
}
