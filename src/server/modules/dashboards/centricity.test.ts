import { describe, expect, it } from 'vitest';
import { centricityIndex } from './centricity.js';

// The formula of docs/client-centricity-index.md, computed by hand.
describe('client-centricity index', () => {
  it('is the weighted mean of the components, and lists what costs it most first', () => {
    const index = centricityIndex({ deadlines: 0.8, satisfaction: 0.6, calls: 0.9, kb: 0.5, site: 1 });
    // 0.3·0.8 + 0.3·0.6 + 0.15·0.9 + 0.125·0.5 + 0.125·1 = 0.7425
    expect(index.value).toBeCloseTo(74.25, 10);
    expect(index.parts.map((p) => [p.component, Number(p.lostPoints.toFixed(6))])).toEqual([
      ['satisfaction', 12],
      ['kb', 6.25],
      ['deadlines', 6],
      ['calls', 1.5],
      ['site', 0],
    ]);
    // What was lost and what was kept make 100.
    const lost = index.parts.reduce((sum, p) => sum + p.lostPoints, 0);
    expect((index.value ?? 0) + lost).toBeCloseTo(100, 10);
  });

  it('shares the weight of a component with nothing to measure among the others', () => {
    const index = centricityIndex({ deadlines: 0.8, satisfaction: 0.6, calls: null, kb: 0.5, site: 1 });
    // (0.24 + 0.18 + 0.0625 + 0.125) / 0.85
    expect(index.value).toBeCloseTo((0.6075 / 0.85) * 100, 10);
    const calls = index.parts.find((p) => p.component === 'calls');
    expect(calls).toEqual({ component: 'calls', value: null, weight: 0, lostPoints: 0 });
    expect(index.parts.find((p) => p.component === 'deadlines')?.weight).toBeCloseTo(0.3 / 0.85, 10);
    expect(index.parts.reduce((sum, p) => sum + p.weight, 0)).toBeCloseTo(1, 10);
  });

  it('is 100 when every component is perfect and absent when none can be measured', () => {
    expect(centricityIndex({ deadlines: 1, satisfaction: 1, calls: 1, kb: 1, site: 1 }).value).toBe(100);
    expect(centricityIndex({ deadlines: 0, satisfaction: 0, calls: 0, kb: 0, site: 0 }).value).toBe(0);
    expect(
      centricityIndex({ deadlines: null, satisfaction: null, calls: null, kb: null, site: null }).value,
    ).toBeNull();
  });
});
