import { describe, expect, it } from 'vitest';
import { IdempotencyKeeper, isIdempotencyKey, newIdempotencyKey } from './idempotency';

describe('newIdempotencyKey', () => {
  it('matches the pattern the server accepts and differs every time', () => {
    const first = newIdempotencyKey();
    expect(isIdempotencyKey(first)).toBe(true);
    expect(newIdempotencyKey()).not.toBe(first);
  });
});

describe('IdempotencyKeeper', () => {
  const counter = () => {
    let n = 0;
    return () => `key-0000${++n}`;
  };

  it('keeps the key made on the first input for every retry of the same content', () => {
    const keeper = new IdempotencyKeeper(counter());
    keeper.touch();
    keeper.touch();
    expect(keeper.keyFor('{"text":"a"}')).toBe('key-00001');
    expect(keeper.keyFor('{"text":"a"}')).toBe('key-00001');
  });

  it('makes a new key when the content changed after a send, and after a reset', () => {
    const keeper = new IdempotencyKeeper(counter());
    expect(keeper.keyFor('{"text":"a"}')).toBe('key-00001');
    expect(keeper.keyFor('{"text":"b"}')).toBe('key-00002');
    expect(keeper.keyFor('{"text":"b"}')).toBe('key-00002');
    keeper.reset();
    keeper.touch();
    expect(keeper.keyFor('{"text":"b"}')).toBe('key-00003');
  });
});
