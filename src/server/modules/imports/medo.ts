import { XMLParser, XMLValidator } from 'fast-xml-parser';
import JSZip from 'jszip';
import { Invalid } from '../../lib/errors.js';
import { inspectZip } from '../../lib/zip-guard.js';
import type { FileContent } from './stored-files.js';

/**
 * A МЭДО transport container as the methodological recommendations (version 2.7) describe it:
 * a ZIP holding the passport `passport.xml` (root `container` in the namespace
 * http://minsvyaz.ru/container: the document's uid, its kind and summary, the sender's
 * organisation with its registration number and date, the main document and the attachments by
 * their `localName`) and those files. It may also come wrapped in a transport envelope: an XML
 * with root `communication` (http://www.infpres.com/IEDMS) whose `container/body` names the inner
 * ZIP; the envelope's header then gives the sender and the sending time.
 * Signature files (`documentSignature`) are not kept: they are not among the accepted file types.
 */
export interface MedoDocument {
  uid: string;
  organisation: string;
  number: string;
  date: string;
  kind: string | null;
  annotation: string;
  sentAt: Date | null;
  files: FileContent[];
}

const FIELD = 'body.file';
const MAX_ENTRIES = 200;
const refuse = (message: string) => new Invalid(FIELD, message, 'malformed_container');

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => ['author', 'attachment', 'document'].includes(name),
});

type Node = Record<string, unknown>;
const child = (node: unknown, name: string): Node | undefined =>
  node && typeof node === 'object' ? ((node as Node)[name] as Node | undefined) : undefined;
const list = (node: unknown, name: string): Node[] =>
  (child(node, name) as unknown as Node[] | undefined) ?? [];
const text = (node: unknown): string => {
  if (typeof node === 'string' || typeof node === 'number') return String(node).trim();
  const value = node && typeof node === 'object' ? (node as Node)['#text'] : undefined;
  return typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
};
const attribute = (node: unknown, name: string) => text(child(node, `@${name}`));

/** МЭДО files often declare windows-1251; the declaration decides, UTF-8 otherwise. */
function decodeXml(bytes: Buffer): string {
  const head = bytes.subarray(0, 200).toString('latin1');
  const encoding = /encoding=["']([\w-]+)["']/i.exec(head)?.[1]?.toLowerCase();
  const label = encoding === 'windows-1251' || encoding === 'cp1251' ? 'windows-1251' : 'utf-8';
  return new TextDecoder(label).decode(bytes);
}

function parseXml(name: string, bytes: Buffer): Node {
  const xml = decodeXml(bytes);
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw refuse(`${name}: XML повреждён — ${valid.err.msg} (строка ${valid.err.line})`);
  }
  try {
    return parser.parse(xml) as Node;
  } catch (error) {
    // The parser never fetches an external entity (XXE); it throws instead, which is a bad file.
    throw refuse(`${name}: XML не разобран — ${(error as Error).message}`);
  }
}

async function openZip(
  bytes: Buffer,
  what: string,
  maxBytes: number,
): Promise<Map<string, JSZip.JSZipObject>> {
  // Checked before JSZip inflates anything: a forged header must not get a bomb past `read`.
  const verdict = inspectZip(bytes, { maxInflatedBytes: 2 * maxBytes, maxEntries: MAX_ENTRIES });
  if (!verdict.ok && verdict.reason === 'too_many_entries')
    throw refuse(`В контейнере больше ${MAX_ENTRIES} файлов`);
  if (!verdict.ok && verdict.reason === 'too_large') throw refuse(`${what} после распаковки слишком большой`);
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    throw refuse(`${what} — не ZIP-архив или архив повреждён`);
  }
  const entries = Object.values(zip.files).filter((entry) => !entry.dir);
  if (entries.length > MAX_ENTRIES) throw refuse(`В контейнере больше ${MAX_ENTRIES} файлов`);
  // By the base name: some senders put everything in a folder named after the document.
  return new Map(entries.map((entry) => [entry.name.split('/').pop()?.toLowerCase() ?? '', entry]));
}

async function read(entry: JSZip.JSZipObject, maxBytes: number): Promise<Buffer> {
  // The size the archive declares, checked before inflating, so a ZIP bomb is never unpacked.
  const declared = (entry as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize;
  if (declared !== undefined && declared > maxBytes)
    throw refuse(`Файл «${entry.name}» в контейнере слишком большой`);
  const bytes = await entry.async('nodebuffer');
  if (bytes.length > maxBytes) throw refuse(`Файл «${entry.name}» в контейнере слишком большой`);
  return bytes;
}

interface Envelope {
  organisation: string;
  sentAt: Date | null;
  body: string;
}

async function findEnvelope(
  files: Map<string, JSZip.JSZipObject>,
  maxBytes: number,
): Promise<Envelope | null> {
  for (const [name, entry] of files) {
    if (!name.endsWith('.xml') || name === 'passport.xml') continue;
    const root = child(parseXml(entry.name, await read(entry, maxBytes)), 'communication');
    if (!root) continue;
    const header = child(root, 'header');
    const created = new Date(attribute(header, 'created'));
    return {
      organisation: text(child(child(header, 'source'), 'organization')),
      sentAt: Number.isNaN(created.getTime()) ? null : created,
      body: text(child(child(root, 'container'), 'body')),
    };
  }
  return null;
}

/** The container's passport and files, or a Russian error naming what is missing. */
export async function readMedoContainer(bytes: Buffer, maxBytes: number): Promise<MedoDocument> {
  let files = await openZip(bytes, 'Загруженный файл', maxBytes);
  let envelope: Envelope | null = null;
  if (!files.has('passport.xml')) {
    envelope = await findEnvelope(files, maxBytes);
    const inner = envelope?.body ? files.get(envelope.body.toLowerCase()) : undefined;
    if (!inner) {
      throw refuse(
        envelope
          ? `В архиве нет контейнера «${envelope.body || '—'}», указанного в конверте (communication/container/body)`
          : 'В контейнере нет паспорта passport.xml и нет конверта МЭДО (XML с корнем communication)',
      );
    }
    files = await openZip(await read(inner, maxBytes), `Вложенный контейнер «${inner.name}»`, maxBytes);
    if (!files.has('passport.xml'))
      throw refuse(`Во вложенном контейнере «${inner.name}» нет паспорта passport.xml`);
  }
  const passport = child(
    parseXml('passport.xml', await read(files.get('passport.xml') as JSZip.JSZipObject, maxBytes)),
    'container',
  );
  if (!passport) throw refuse('passport.xml: корневой элемент должен быть container (МЭДО 2.7)');
  const uid = attribute(passport, 'uid');
  if (!uid) throw refuse('В паспорте нет идентификатора документа (container/@uid)');
  const requisites = child(passport, 'requisites');
  const annotation = text(child(requisites, 'annotation'));
  if (!annotation) throw refuse('В паспорте нет краткого содержания документа (requisites/annotation)');
  const author = list(child(passport, 'authors'), 'author')[0];
  const organisation = text(child(child(author, 'organization'), 'title')) || envelope?.organisation || '';
  if (!organisation)
    throw refuse('В паспорте не указана организация-отправитель (authors/author/organization/title)');
  const registration = child(author, 'registration');
  const number = text(child(registration, 'number'));
  const date = text(child(registration, 'date'));
  if (!number || !date) {
    throw refuse('В паспорте нет регистрационного номера и даты документа отправителя (author/registration)');
  }
  const documents = list(passport, 'document');
  if (documents.length === 0) throw refuse('В паспорте не указан основной документ (container/document)');
  const names = [...documents, ...list(child(passport, 'attachments'), 'attachment')].map((node) =>
    attribute(node, 'localName'),
  );
  const contents: FileContent[] = [];
  for (const name of names) {
    const entry = name ? files.get(name.toLowerCase()) : undefined;
    if (!entry) throw refuse(`В контейнере нет файла «${name || '—'}», указанного в паспорте`);
    contents.push({ name, bytes: await read(entry, maxBytes) });
  }
  const kind = text(child(requisites, 'documentKind')) || null;
  return {
    uid,
    organisation,
    number,
    date,
    kind,
    annotation,
    sentAt: envelope?.sentAt ?? null,
    files: contents,
  };
}
