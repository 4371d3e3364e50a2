import {
  type CentricityIndex,
  type Dashboard,
  INDEX_COMPONENTS,
  INDEX_WEIGHTS,
  type IndexComponent,
} from '../../../common/dashboard.js';

const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole);

/** Each component as a share of 1 (docs/client-centricity-index.md, «Составляющие»). */
export function componentsOf(d: Dashboard): Record<IndexComponent, number | null> {
  const { onTime, extended, overdue } = d.deadlines;
  return {
    deadlines: ratio(onTime + extended, onTime + extended + overdue),
    satisfaction: d.satisfaction.share,
    calls: d.calls.missedShare === null ? null : 1 - d.calls.missedShare,
    kb: d.kb.sections === 0 ? null : 1 - d.kb.pastReview / d.kb.sections,
    site: d.site.pages === 0 ? null : 1 - d.site.stale / d.site.pages,
  };
}

/**
 * The weighted mean of the components on a 0–100 scale. A component with nothing to measure
 * gives its weight to the others in proportion, so an agency without a consult line is not
 * rated on it; with no component at all there is no index.
 */
export function centricityIndex(values: Record<IndexComponent, number | null>): CentricityIndex {
  const present = INDEX_COMPONENTS.filter((c) => values[c] !== null);
  const total = present.reduce((sum, c) => sum + INDEX_WEIGHTS[c], 0);
  const parts = INDEX_COMPONENTS.map((component) => {
    const value = values[component];
    const weight = value === null ? 0 : INDEX_WEIGHTS[component] / total;
    return { component, value, weight, lostPoints: value === null ? 0 : weight * (1 - value) * 100 };
  });
  const value = present.length
    ? parts.reduce((sum, p) => sum + (p.value === null ? 0 : p.weight * p.value * 100), 0)
    : null;
  // «What pulls it down»: the costliest component first.
  return { value, parts: parts.sort((a, b) => b.lostPoints - a.lostPoints) };
}
