import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const ALGORITHM = 'aes-256-gcm';
const VERSION = 'v1';

/** Credentials at rest: AES-256-GCM with a key that lives outside the database. */
export interface SecretBox {
  seal(secrets: Record<string, string>): string;
  open(sealed: string): Record<string, string>;
}

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32)
    throw new Error('CHANNEL_SECRETS_KEY must be 32 bytes (64 hex characters or base64)');
  return {
    seal(secrets) {
      const iv = randomBytes(12);
      const cipher = createCipheriv(ALGORITHM, key, iv);
      const body = Buffer.concat([cipher.update(JSON.stringify(secrets), 'utf8'), cipher.final()]);
      return [
        VERSION,
        iv.toString('base64'),
        cipher.getAuthTag().toString('base64'),
        body.toString('base64'),
      ].join('.');
    },
    open(sealed) {
      const [version, iv, tag, body] = sealed.split('.');
      if (version !== VERSION || !iv || !tag || !body)
        throw new Error('sealed secrets have an unknown format');
      const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(iv, 'base64'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      const plain = Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]);
      return JSON.parse(plain.toString('utf8')) as Record<string, string>;
    },
  };
}

export function parseSecretsKey(raw: string): Buffer {
  const trimmed = raw.trim();
  return /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
}

/**
 * The key from CHANNEL_SECRETS_KEY; without it, a key generated once into DATA_DIR so a fresh
 * install works — production sets the variable so a database copy alone opens nothing.
 */
export function loadSecretsKey(configured: string | null, keyFile: string): Buffer {
  if (configured) return parseSecretsKey(configured);
  if (existsSync(keyFile)) return parseSecretsKey(readFileSync(keyFile, 'utf8'));
  const key = randomBytes(32);
  mkdirSync(dirname(keyFile), { recursive: true });
  writeFileSync(keyFile, key.toString('hex'), { mode: 0o600 });
  chmodSync(keyFile, 0o600);
  return key;
}
