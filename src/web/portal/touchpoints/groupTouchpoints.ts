import type { Touchpoint } from '../../../common/types';

/** Seed 000 p. 1.3: «цифровые точки» and «оффлайн-точки», each in the agency's own order. */
export function groupTouchpoints(touchpoints: Touchpoint[]): {
  digital: Touchpoint[];
  offline: Touchpoint[];
} {
  const ordered = [...touchpoints].sort((a, b) => a.sortOrder - b.sortOrder);
  return {
    digital: ordered.filter((touchpoint) => touchpoint.mode === 'digital'),
    offline: ordered.filter((touchpoint) => touchpoint.mode === 'offline'),
  };
}
