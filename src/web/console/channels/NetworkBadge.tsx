import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Network, OutboundStatus } from './channelTypes';

const NETWORK_COLORS: Record<Network, string> = { telegram: 'cyan', vk: 'blue', ok: 'orange', email: 'gray' };

export function NetworkBadge({ network }: { network: Network }) {
  const { t } = useTranslation('console');
  return (
    <Badge color={NETWORK_COLORS[network]} variant="light">
      {t(`channels.networks.${network}`)}
    </Badge>
  );
}

const STATUS_COLORS: Record<OutboundStatus, string> = {
  pending: 'gray',
  sending: 'blue',
  sent: 'green',
  failed: 'red',
  uncertain: 'yellow',
};

/** Where an outgoing message is: queued, sending, delivered, failed or cut off. */
export function OutboundStatusBadge({ status }: { status: OutboundStatus }) {
  const { t } = useTranslation('console');
  return (
    <Badge color={STATUS_COLORS[status]} variant="light">
      {t(`outbox.statuses.${status}`)}
    </Badge>
  );
}
