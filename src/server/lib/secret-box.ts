import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Seals small secrets (channel credentials) for the database with AES-256-GCM. */
export interface SecretBox {
  seal(plain: string): string;
  open(sealed: string): string;
}

const VERSION = 'v1';

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error('the secrets key must be 32 bytes');
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [VERSION, iv, cipher.getAuthTag(), body]
        .map((p) => (Buffer.isBuffer(p) ? p.toString('base64') : p))
        .join('.');
    },
    open(sealed) {
      const [version, iv, tag, body] = sealed.split('.');
      if (version !== VERSION || !iv || !tag || body === undefined) throw new Error('not a sealed secret');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
    },
  };
}

/**
 * The key from SECRETS_KEY (64 hex digits), or else one generated once into `fallbackFile`
 * (readable by the owner only), so a fresh clone works without setup; production sets the variable.
 */
export function loadSecretsKey(fromEnv: string | null, fallbackFile: string): Buffer {
  if (fromEnv) return Buffer.from(fromEnv, 'hex');
  if (!existsSync(fallbackFile)) {
    mkdirSync(dirname(fallbackFile), { recursive: true });
    writeFileSync(fallbackFile, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
    chmodSync(fallbackFile, 0o600);
  }
  return Buffer.from(readFileSync(fallbackFile, 'utf8').trim(), 'hex');
}
