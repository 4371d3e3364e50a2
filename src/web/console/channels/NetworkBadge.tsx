import { Badge } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutboundNetwork, OutboundStatus } from './channelTypes';

// As the register's status badges: filled shade 8, black text where white would miss 4.5:1, and
// a label that keeps its width instead of being clipped by a squeezed table column.
const DARK_TEXT = new Set(['cyan', 'orange', 'green', 'yellow', 'teal', 'gray']);
const FULL_LABEL = { label: { overflow: 'visible' } };

export function LabelBadge({ color, children }: { color: string; children: ReactNode }) {
  return (
    <Badge
      color={`${color}.${color === 'gray' ? 3 : 8}`}
      c={DARK_TEXT.has(color) ? 'black' : 'white'}
      variant="filled"
      tt="none"
      styles={FULL_LABEL}
    >
      {children}
    </Badge>
  );
}

const NETWORK_COLORS: Record<OutboundNetwork, string> = {
  telegram: 'cyan',
  vk: 'blue',
  ok: 'orange',
  email: 'gray',
  sms: 'teal',
};

export function NetworkBadge({ network }: { network: OutboundNetwork }) {
  const { t } = useTranslation('console');
  return <LabelBadge color={NETWORK_COLORS[network]}>{t(`channels.networks.${network}`)}</LabelBadge>;
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
  return <LabelBadge color={STATUS_COLORS[status]}>{t(`outbox.statuses.${status}`)}</LabelBadge>;
}
