import { inflateRawSync } from 'node:zlib';

export interface ZipLimits {
  /** What all entries together may inflate to. */
  maxInflatedBytes: number;
  maxEntries: number;
}

export type ZipVerdict =
  | { ok: true; inflatedBytes: number; entries: number }
  | { ok: false; reason: 'malformed' | 'too_many_entries' | 'too_large' };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

function endOfCentralDirectory(bytes: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65 535.
  const earliest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let at = bytes.length - 22; at >= earliest; at--) {
    if (bytes.readUInt32LE(at) === EOCD) return at;
  }
  return -1;
}

/**
 * Measures what a ZIP (XLSX, DOCX, a MEDO container) inflates to before any library unpacks it,
 * so a zip bomb is refused instead of filling memory. The sizes the archive declares are checked
 * first; then every entry is inflated with zlib's output cap, because a forged header can declare
 * a few bytes for an entry that inflates to gigabytes.
 */
export function inspectZip(bytes: Buffer, limits: ZipLimits): ZipVerdict {
  const eocd = bytes.length >= 22 ? endOfCentralDirectory(bytes) : -1;
  if (eocd < 0) return { ok: false, reason: 'malformed' };
  const count = bytes.readUInt16LE(eocd + 10);
  const directoryOffset = bytes.readUInt32LE(eocd + 16);
  // ZIP64 markers: an archive this large is never a legitimate upload here.
  if (count === 0xffff || directoryOffset === 0xffffffff) return { ok: false, reason: 'too_large' };
  if (count > limits.maxEntries) return { ok: false, reason: 'too_many_entries' };

  const entries: { method: number; compressed: number; local: number }[] = [];
  let declared = 0;
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== CENTRAL)
      return { ok: false, reason: 'malformed' };
    const method = bytes.readUInt16LE(at + 10);
    const compressed = bytes.readUInt32LE(at + 20);
    declared += bytes.readUInt32LE(at + 24);
    entries.push({ method, compressed, local: bytes.readUInt32LE(at + 42) });
    at += 46 + bytes.readUInt16LE(at + 28) + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  if (declared > limits.maxInflatedBytes) return { ok: false, reason: 'too_large' };

  let inflated = 0;
  for (const entry of entries) {
    const local = entry.local;
    if (local + 30 > bytes.length || bytes.readUInt32LE(local) !== LOCAL)
      return { ok: false, reason: 'malformed' };
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const data = bytes.subarray(start, start + entry.compressed);
    const budget = limits.maxInflatedBytes - inflated;
    if (entry.method === STORED) {
      inflated += data.length;
    } else if (entry.method === DEFLATED) {
      try {
        inflated += inflateRawSync(data, { maxOutputLength: budget + 1 }).length;
      } catch (error) {
        const tooLarge = (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
        return { ok: false, reason: tooLarge ? 'too_large' : 'malformed' };
      }
    } else {
      return { ok: false, reason: 'malformed' };
    }
    if (inflated > limits.maxInflatedBytes) return { ok: false, reason: 'too_large' };
  }
  return { ok: true, inflatedBytes: inflated, entries: count };
}
