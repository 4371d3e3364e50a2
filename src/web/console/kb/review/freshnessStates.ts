import type { FreshnessState } from '../../../../common/kb-review';

/**
 * The badge of each state: a filled shade with the text colour that keeps 4.5:1 (WCAG 2.1 AA) —
 * white is too faint on green and yellow, so those carry black text, as the request statuses do.
 */
export const STATE_BADGES: Record<FreshnessState, { color: string; text: string }> = {
  fresh: { color: 'green.8', text: 'black' },
  due_soon: { color: 'yellow.6', text: 'black' },
  overdue: { color: 'red.9', text: 'white' },
};

/** The chart's bar fills: Mantine's 6th shades, which ECharts needs as plain colours. */
export const STATE_FILLS: Record<FreshnessState, string> = {
  fresh: '#40c057',
  due_soon: '#fab005',
  overdue: '#fa5252',
};

/** Sorts the most urgent first: overdue, then due soon, then fresh. */
export const STATE_URGENCY: Record<FreshnessState, number> = { overdue: 0, due_soon: 1, fresh: 2 };
