import { describe, expect, it } from 'vitest';
import { coalescedDrain } from './coalesced-drain.js';

describe('coalescedDrain', () => {
  it('runs one pass at a time and one more pass for calls made during it', async () => {
    let passes = 0;
    let release: () => void = () => {};
    const { drain } = coalescedDrain(async () => {
      passes++;
      if (passes === 1) await new Promise<void>((resolve) => (release = resolve));
      return 2;
    });
    const first = drain();
    const second = drain();
    const third = drain();
    expect(second).toBe(first);
    expect(third).toBe(first);
    release();
    // The calls during the first pass asked for one more, not two.
    expect(await first).toBe(4);
    expect(passes).toBe(2);
    expect(await drain()).toBe(2);
    expect(passes).toBe(3);
  });

  it('lets a failed pass be awaited without throwing and starts afresh afterwards', async () => {
    let fail = true;
    const { drain, settled } = coalescedDrain(async () => {
      if (fail) throw new Error('SMTP down');
      return 1;
    });
    const failing = drain();
    await settled();
    await expect(failing).rejects.toThrow('SMTP down');
    fail = false;
    expect(await drain()).toBe(1);
  });
});
