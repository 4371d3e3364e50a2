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
  /**
   * A delivery status notification: the Message-IDs it reports on, the server's diagnosis, and
   * whether the failure is for good (RFC 3464 `Action: failed` or a 5.x.x status) or a delay.
   */
  bounce: { reports: string[]; diagnostic: string; permanent: boolean } | null;
  /** A spam complaint from a mailbox provider's feedback loop (RFC 5965): the Message-IDs quoted. */
  complaint: { reports: string[] } | null;
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

/** The Message-IDs a report quotes from the original (its headers part or the whole message). */
const quotedIds = (raw: string, ownId: string) => [
  ...new Set(
    [...raw.matchAll(/^Message-ID:[ \t]*(<[^<>\s]+>)/gim)]
      .map((match) => match[1] as string)
      .filter((id) => id !== ownId),
  ),
];

/** A DSN's diagnosis and the Message-IDs of the returned original (RFC 3464). */
function readBounce(raw: string, ownId: string) {
  const field = (name: string) =>
    new RegExp(`^${name}:[ \\t]*(.+(?:\\r?\\n[ \\t]+.+)*)`, 'im').exec(raw)?.[1]?.replace(/\s+/g, ' ');
  const diagnostic = field('Diagnostic-Code') ?? field('Status') ?? 'адрес недоступен';
  const action = field('Action');
  const status = field('Status');
  // A report without the machine-readable part (an old-style bounce) is taken as a failure.
  const permanent = action
    ? /^failed/i.test(action) && !/^4\./.test(status ?? '')
    : !/^4\./.test(status ?? '');
  return { reports: quotedIds(raw, ownId), diagnostic: cleanText(diagnostic).slice(0, 500), permanent };
}

const isReport = (contentType: string, type: string) =>
  /multipart\/report/i.test(contentType) && new RegExp(`report-type="?${type}`, 'i').test(contentType);

const isBounce = (contentType: string, from: string | null, envelopeFrom: string | null) =>
  isReport(contentType, 'delivery-status') ||
  /^(mailer-daemon|postmaster)@/i.test(from ?? '') ||
  envelopeFrom === '';

/**
 * The report parts mailparser decoded (they may be base64 or quoted-printable on the wire), after
 * the raw text: what a report's fields and quoted headers are read from.
 */
const reportText = (raw: string, parsed: Awaited<ReturnType<typeof simpleParser>> | null) =>
  [
    raw,
    ...(parsed?.attachments ?? [])
      .filter((part) =>
        /^message\/(rfc822|delivery-status|feedback-report)|^text\/rfc822-headers/i.test(part.contentType),
      )
      .map((part) => part.content.toString('utf8')),
  ].join('\n');

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
  const complaint = isReport(contentType, 'feedback-report');
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
    complaint: complaint ? { reports: quotedIds(reportText(rawText, parsed), messageId) } : null,
    bounce:
      !complaint && isBounce(contentType, from?.address ?? null, envelopeFrom)
        ? readBounce(reportText(rawText, parsed), messageId)
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
