import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { customType } from 'drizzle-orm/pg-core';

/**
 * Contact fields (e-mail, phone, messenger id, postal address) sealed at rest with AES-256-GCM
 * under a key derived from SECRETS_KEY (issue 12 p. 5, 152-ФЗ ст. 19). A sealed value reads
 * `f1:<key id>:<iv|tag|body in base64url>`: the version and key id let the key rotate while old
 * rows are still being rewritten. Equality matching uses a blind index — an HMAC of the
 * normalised value under a second derived key — so the database never needs the plaintext.
 */
export interface FieldCrypto {
  /** Short public fingerprint of the current key, written into every sealed value. */
  keyId: string;
  seal(plain: string): string;
  /** The plaintext; a value without the `f1:` prefix is a legacy row the backfill has not reached. */
  open(stored: string): string;
  blindIndex(normalized: string): string;
}

export class FieldKeyError extends Error {
  override name = 'FieldKeyError';
}

const VERSION = 'f1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

// IVs are cut from a pooled block of random bytes: one call into the system's generator per
// 256 seals instead of one per seal, which was a twentieth of an intake's CPU (issue 4 benchmark).
// A random 96-bit IV per seal is what GCM asks for; where the bytes wait meanwhile does not matter.
const IVS_PER_BLOCK = 256;
let ivBlock = Buffer.alloc(0);
let ivOffset = 0;

function nextIv() {
  if (ivOffset + IV_BYTES > ivBlock.length) {
    ivBlock = randomBytes(IV_BYTES * IVS_PER_BLOCK);
    ivOffset = 0;
  }
  ivOffset += IV_BYTES;
  return ivBlock.subarray(ivOffset - IV_BYTES, ivOffset);
}

function derive(secret: Buffer, purpose: string) {
  return Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), purpose, 32));
}

function keyIdOf(secret: Buffer) {
  return derive(secret, 'otklik field key id').subarray(0, 4).toString('hex');
}

/** `secret` seals and indexes; `previous` keys only open what they sealed, during a rotation. */
export function createFieldCrypto(secret: Buffer, previous: Buffer[] = []): FieldCrypto {
  if (secret.length !== 32) throw new Error('the secrets key must be 32 bytes');
  const keyId = keyIdOf(secret);
  const openingKeys = new Map(
    [...previous, secret].map((k) => [keyIdOf(k), derive(k, 'otklik field encryption')]),
  );
  const sealingKey = openingKeys.get(keyId) as Buffer;
  const indexKey = derive(secret, 'otklik contact blind index');
  const prefix = `${VERSION}:${keyId}:`;
  return {
    keyId,
    seal(plain) {
      const iv = nextIv();
      const cipher = createCipheriv('aes-256-gcm', sealingKey, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return prefix + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
    },
    open(stored) {
      if (!stored.startsWith(`${VERSION}:`)) return stored;
      const [, id, packed] = stored.split(':');
      const key = id ? openingKeys.get(id) : undefined;
      if (!key || packed === undefined) {
        throw new FieldKeyError(
          `a contact field is sealed with key ${id ?? '?'}, but this node has key ${keyId}: set the SECRETS_KEY the data was written with (or list it in SECRETS_KEY_PREVIOUS while rotating)`,
        );
      }
      const bytes = Buffer.from(packed, 'base64url');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
        decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
        return Buffer.concat([
          decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)),
          decipher.final(),
        ]).toString('utf8');
      } catch {
        throw new FieldKeyError(
          `a contact field sealed with key ${id} does not authenticate: it was altered`,
        );
      }
    },
    blindIndex: (normalized) => createHmac('sha256', indexKey).update(normalized, 'utf8').digest('base64url'),
  };
}

// Column types map values on every Drizzle read and write, so no repository can forget to seal or
// open; that needs the key where the schema lives, hence one per process, loaded by createServices.
let current: FieldCrypto | null = null;

export function loadFieldCrypto(crypto: FieldCrypto) {
  current = crypto;
}

export function fieldCrypto(): FieldCrypto {
  if (!current) throw new FieldKeyError('the field encryption key is not loaded (createServices loads it)');
  return current;
}

/** A text column stored sealed; Drizzle seals on write and opens on read. */
export const sealedText = customType<{ data: string; driverData: string }>({
  dataType: () => 'text',
  toDriver: (plain) => fieldCrypto().seal(plain),
  fromDriver: (stored) => fieldCrypto().open(stored),
});
