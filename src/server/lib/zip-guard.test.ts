import { describe, expect, it } from 'vitest';
import { zipBomb, zipOf } from '../testing/import-fixtures.js';
import { inspectZip } from './zip-guard.js';

const limits = { maxInflatedBytes: 8 * 1_048_576, maxEntries: 50 };

describe('inspectZip', () => {
  it('measures an ordinary archive exactly', async () => {
    const zip = await zipOf({ 'a.xml': '<a>привет</a>', 'b/c.txt': 'x'.repeat(5000) });
    expect(inspectZip(zip, limits)).toEqual({
      ok: true,
      inflatedBytes: Buffer.byteLength('<a>привет</a>') + 5000,
      entries: 3, // JSZip also lists the folder «b/»
    });
  });

  it('refuses a bomb that declares its size honestly, before inflating it', async () => {
    const bomb = zipBomb(64 * 1_048_576);
    expect(bomb.length).toBeLessThan(400_000);
    expect(inspectZip(bomb, limits)).toEqual({ ok: false, reason: 'too_large' });
  });

  it('refuses a bomb whose headers lie about the size, by inflating under a cap', async () => {
    const bomb = zipBomb(64 * 1_048_576, { forgeDeclaredSize: 1000 });
    expect(inspectZip(bomb, limits)).toEqual({ ok: false, reason: 'too_large' });
  });

  it('refuses too many entries and calls anything else malformed', async () => {
    const many = await zipOf(Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`f${i}.txt`, 'x'])));
    expect(inspectZip(many, limits)).toEqual({ ok: false, reason: 'too_many_entries' });
    expect(inspectZip(Buffer.from('not a zip at all'), limits)).toEqual({ ok: false, reason: 'malformed' });
    const truncated = (await zipOf({ 'a.txt': 'x'.repeat(1000) })).subarray(0, 60);
    expect(inspectZip(truncated, limits)).toEqual({ ok: false, reason: 'malformed' });
  });
});
