import { Anchor, Button, Group, Select, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime, useAgencyTimezone } from '../shared/agencyTime';
import { DataTable } from '../shared/DataTable';
import { describeError } from '../shared/describeError';
import { EmptyMessage } from '../shared/EmptyMessage';
import { PageFooter } from '../shared/PageFooter';
import { PageHeader } from '../shared/PageHeader';
import { QueryStatus } from '../shared/QueryStatus';
import { useOutbox, useRetryOutbound } from './channelQueries';
import type { OutboundMessage, OutboundStatus } from './channelTypes';
import { NetworkBadge, OutboundStatusBadge } from './NetworkBadge';

const FILTERABLE: OutboundStatus[] = ['pending', 'sent', 'failed', 'uncertain'];

/** Everything the agency sends, as the outbox delivers it; failed and cut-off messages are retried here. */
export function OutboxPage() {
  const { t } = useTranslation('console');
  const [filter, setFilter] = useState<{ status: OutboundStatus | null; page: number }>({
    status: null,
    page: 1,
  });
  const outbox = useOutbox(filter);
  return (
    <>
      <PageHeader title={t('nav.outbox')} description={t('outbox.description')} />
      <Group mb="md">
        <Select
          label={t('outbox.status')}
          placeholder={t('outbox.allStatuses')}
          data={FILTERABLE.map((status) => ({ value: status, label: t(`outbox.statuses.${status}`) }))}
          value={filter.status}
          onChange={(status) => setFilter({ status: status as OutboundStatus | null, page: 1 })}
          clearable
          w={240}
        />
      </Group>
      <QueryStatus query={outbox} rows={8} />
      {outbox.data?.items.length === 0 && <EmptyMessage title={t('outbox.empty')} />}
      {outbox.data && outbox.data.items.length > 0 && (
        <>
          <OutboxTable items={outbox.data.items} />
          <PageFooter
            total={outbox.data.total}
            pages={outbox.data.pages}
            page={filter.page}
            onPage={(page) => setFilter((current) => ({ ...current, page }))}
          />
        </>
      )}
    </>
  );
}

function OutboxTable({ items }: { items: OutboundMessage[] }) {
  const { t, i18n } = useTranslation('console');
  const timezone = useAgencyTimezone();
  const retry = useRetryOutbound();
  const when = (iso: string) => formatDateTime(iso, i18n.language, timezone);
  return (
    <DataTable
      minWidth={960}
      head={
        <>
          <Table.Th aria-sort="descending">{t('outbox.createdAt')}</Table.Th>
          <Table.Th>{t('outbox.network')}</Table.Th>
          <Table.Th>{t('outbox.recipient')}</Table.Th>
          <Table.Th>{t('outbox.subject')}</Table.Th>
          <Table.Th>{t('outbox.status')}</Table.Th>
          <Table.Th>{t('outbox.lastError')}</Table.Th>
          <Table.Th>{t('outbox.actions')}</Table.Th>
        </>
      }
    >
      {items.map((message) => (
        <Table.Tr key={message.id}>
          <Table.Td style={{ whiteSpace: 'nowrap' }}>
            <time dateTime={message.createdAt}>{when(message.createdAt)}</time>
          </Table.Td>
          <Table.Td>
            <NetworkBadge network={message.network} />
          </Table.Td>
          <Table.Td>
            <Text size="sm" style={{ wordBreak: 'break-all' }}>
              {message.recipient}
            </Text>
          </Table.Td>
          <Table.Td>
            <Text size="sm">{message.subject ?? '—'}</Text>
            {message.requestId && (
              <Anchor component={Link} to={`/requests/${message.requestId}`} size="xs">
                {t('outbox.request')}
              </Anchor>
            )}
          </Table.Td>
          <Table.Td>
            <OutboundStatusBadge status={message.status} />
            <Text size="xs" c="dimmed">
              {message.sentAt ? when(message.sentAt) : t('outbox.attempts', { count: message.attempts })}
            </Text>
          </Table.Td>
          <Table.Td>
            <Text size="xs" c={message.lastError ? 'red.9' : 'dimmed'}>
              {message.lastError ?? '—'}
            </Text>
          </Table.Td>
          <Table.Td>
            {(message.status === 'failed' || message.status === 'uncertain') && (
              <Button
                size="xs"
                variant="default"
                loading={retry.isPending && retry.variables === message.id}
                aria-label={t('outbox.retryTo', { recipient: message.recipient })}
                onClick={() =>
                  retry.mutate(message.id, {
                    onSuccess: () => notifications.show({ color: 'green', message: t('outbox.retried') }),
                    onError: (error) =>
                      notifications.show({ color: 'red', message: describeError(error, t) }),
                  })
                }
              >
                {t('outbox.retry')}
              </Button>
            )}
          </Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
}
