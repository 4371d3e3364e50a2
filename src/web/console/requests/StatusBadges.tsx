import { Badge } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { type RequestStatus, STATUS_COLORS } from './requestTypes';

// Shade 8 of these is too light for white text (green 3.5:1, orange 3.6:1, cyan 4.4:1, yellow
// 2.5:1) while black on them is over 4.5:1 (WCAG 2.1 AA); autoContrast's threshold picks white.
const FULL_LABEL = { label: { overflow: 'visible' } };

const DARK_TEXT = new Set(['cyan', 'orange', 'green', 'yellow']);

export function StatusBadge({ status }: { status: RequestStatus }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={`${STATUS_COLORS[status]}.8`}
      c={DARK_TEXT.has(STATUS_COLORS[status]) ? 'black' : 'white'}
      variant="filled"
      tt="none"
      // A clipped label has no width of its own, so a table squeezed it to «Зарегистриро…».
      styles={FULL_LABEL}
    >
      {t(`requestStatuses.${status}`, { defaultValue: status })}
    </Badge>
  );
}

/** Said in words, not only in red. */
export function OverdueBadge() {
  const { t } = useTranslation('console');
  return (
    <Badge
      color="red.9"
      variant="filled"
      tt="none"
      styles={FULL_LABEL}
      leftSection={<IconAlertTriangle size={12} aria-hidden />}
    >
      {t('requests.overdue')}
    </Badge>
  );
}
