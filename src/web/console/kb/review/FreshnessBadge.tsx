import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FreshnessState } from '../../../../common/kb-review';
import { STATE_BADGES } from './freshnessStates';

const FULL_LABEL = { label: { overflow: 'visible' } };

/** The state in words on its colour, so it is never told by colour alone. */
export function FreshnessBadge({ state }: { state: FreshnessState }) {
  const { t } = useTranslation('console');
  const { color, text } = STATE_BADGES[state];
  return (
    <Badge color={color} c={text} variant="filled" tt="none" styles={FULL_LABEL}>
      {t(`kbFreshness.states.${state}`)}
    </Badge>
  );
}
