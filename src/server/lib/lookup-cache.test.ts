import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLookupCache } from './lookup-cache.js';

afterEach(() => vi.restoreAllMocks());

describe('lookup cache', () => {
  it('reads once for a burst, again after the time to live, and again after invalidation', async () => {
    const now = Date.now();
    vi.spyOn(Date, 'now').mockReturnValue(now);
    const cache = createLookupCache<string, number>(1_000);
    let reads = 0;
    const load = async () => ++reads;
    const burst = await Promise.all([cache.get('a', load), cache.get('a', load), cache.get('a', load)]);
    expect(burst).toEqual([1, 1, 1]);
    vi.spyOn(Date, 'now').mockReturnValue(now + 999);
    expect(await cache.get('a', load)).toBe(1);
    vi.spyOn(Date, 'now').mockReturnValue(now + 1_001);
    expect(await cache.get('a', load)).toBe(2);
    cache.invalidate('a');
    expect(await cache.get('a', load)).toBe(3);
    cache.clear();
    expect(await cache.get('a', load)).toBe(4);
  });

  it('does not keep a read that was under way when the key was invalidated, nor a failed read', async () => {
    const cache = createLookupCache<string, string>(60_000);
    let release: (value: string) => void = () => {};
    const stale = cache.get('a', () => new Promise((resolve) => (release = resolve)));
    cache.invalidate('a');
    release('old');
    expect(await stale).toBe('old');
    expect(await cache.get('a', async () => 'new')).toBe('new');

    await expect(cache.get('b', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get('b', async () => 'up')).toBe('up');
  });
});
