import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createFieldCrypto, FieldKeyError } from './field-crypto.js';

const key = randomBytes(32);
const other = randomBytes(32);

describe('field crypto', () => {
  it('seals with a fresh IV each time and opens back to the plaintext', () => {
    const crypto = createFieldCrypto(key);
    const first = crypto.seal('ivanov@mail.ru');
    const second = crypto.seal('ivanov@mail.ru');
    expect(first).not.toBe(second);
    expect(first).toMatch(new RegExp(`^f1:${crypto.keyId}:[\\w-]+$`));
    expect(first).not.toContain('ivanov');
    expect(crypto.open(first)).toBe('ivanov@mail.ru');
    expect(crypto.open(crypto.seal('630099, Новосибирск'))).toBe('630099, Новосибирск');
    expect(crypto.open(crypto.seal(''))).toBe('');
  });

  it('gives one blind index per value and key, unlike the sealing key and unlike another value', () => {
    const crypto = createFieldCrypto(key);
    expect(crypto.blindIndex('79131112233')).toBe(createFieldCrypto(key).blindIndex('79131112233'));
    expect(crypto.blindIndex('79131112233')).not.toBe(crypto.blindIndex('79131112234'));
    expect(crypto.blindIndex('79131112233')).not.toBe(createFieldCrypto(other).blindIndex('79131112233'));
    expect(crypto.blindIndex('79131112233')).toMatch(/^[\w-]{43}$/);
  });

  it('refuses, with the key ids, a value sealed under a key this node does not have', () => {
    const sealed = createFieldCrypto(other).seal('ivanov@mail.ru');
    const crypto = createFieldCrypto(key);
    expect(() => crypto.open(sealed)).toThrow(FieldKeyError);
    expect(() => crypto.open(sealed)).toThrow(/SECRETS_KEY/);
    expect(() => crypto.open(sealed)).toThrow(createFieldCrypto(other).keyId);
  });

  it('refuses an altered value instead of returning garbage', () => {
    const crypto = createFieldCrypto(key);
    const sealed = crypto.seal('ivanov@mail.ru');
    const last = sealed.at(-1) === 'A' ? 'B' : 'A';
    expect(() => crypto.open(sealed.slice(0, -1) + last)).toThrow(/altered/);
    expect(() => crypto.open(`f1:${crypto.keyId}`)).toThrow(FieldKeyError);
  });

  it('opens values under a previous key during a rotation and seals only under the new one', () => {
    const old = createFieldCrypto(other);
    const rotated = createFieldCrypto(key, [other]);
    const sealed = old.seal('+7 913 111-22-33');
    expect(rotated.open(sealed)).toBe('+7 913 111-22-33');
    expect(sealed.startsWith(`f1:${old.keyId}:`)).toBe(true);
    expect(rotated.seal('x').startsWith(`f1:${rotated.keyId}:`)).toBe(true);
    expect(rotated.keyId).not.toBe(old.keyId);
    expect(rotated.keyId).toBe(createFieldCrypto(key).keyId);
  });

  it('passes a legacy plaintext row through until the backfill seals it', () => {
    expect(createFieldCrypto(key).open('ivanov@mail.ru')).toBe('ivanov@mail.ru');
  });

  it('wants a 32-byte key', () => {
    expect(() => createFieldCrypto(randomBytes(16))).toThrow(/32 bytes/);
  });
});
