import { Badge } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { type RequestStatus, STATUS_COLORS } from './requestTypes';

export function StatusBadge({ status }: { status: RequestStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={`${STATUS_COLORS[status]}.8`} variant="filled" autoContrast tt="none">
      {t(`requestStatuses.${status}`, { defaultValue: status })}
    </Badge>
  );
}

/** Said in words, not only in red. */
export function OverdueBadge() {
  const { t } = useTranslation('console');
  return (
    <Badge color="red.9" variant="filled" tt="none" leftSection={<IconAlertTriangle size={12} aria-hidden />}>
      {t('requests.overdue')}
    </Badge>
  );
}
