import {
  Badge,
  Button,
  Group,
  Pagination,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Timeline,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconHistory, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SUBSCRIBER_STATUSES, type Subscriber, type SubscriberStatus } from '../../../common/mailings';
import { formatDateTime, useAgencyTimezone } from '../shared/agencyTime';
import { ConsoleModal } from '../shared/ConsoleModal';
import { DataTable } from '../shared/DataTable';
import { describeError } from '../shared/describeError';
import { QueryStatus } from '../shared/QueryStatus';
import { LEDGER_EXPORT_URL, useConsentHistory, useRevokeSubscriber, useSubscribers } from './mailingQueries';

const STATUS_COLORS: Record<SubscriberStatus, string> = {
  pending: 'yellow',
  active: 'green',
  revoked: 'gray',
};

/** Seed 004 p. 12: the consent ledger of one address, oldest first, as it was written. */
function ConsentHistory({ subscriber, onClose }: { subscriber: Subscriber; onClose: () => void }) {
  const { t, i18n } = useTranslation('console');
  const timezone = useAgencyTimezone();
  const history = useConsentHistory(subscriber.id);
  return (
    <ConsoleModal
      opened
      onClose={onClose}
      title={t('mailings.subscribers.history', { email: subscriber.email })}
      size="lg"
    >
      <QueryStatus query={history} rows={3} />
      <Timeline bulletSize={14} lineWidth={2}>
        {(history.data ?? []).map((record) => (
          <Timeline.Item
            key={record.id}
            title={`${t(`mailings.events.${record.event}`)} — ${t(`mailings.methods.${record.method}`)}`}
          >
            <Text size="sm">{formatDateTime(record.at, i18n.language, timezone)}</Text>
            {record.topics.length > 0 && (
              <Text size="sm">{t('mailings.subscribers.topics', { topics: record.topics.join(', ') })}</Text>
            )}
            {record.sourcePage && (
              <Text size="sm">{t('mailings.subscribers.page', { page: record.sourcePage })}</Text>
            )}
            {record.actorName && (
              <Text size="sm">{t('mailings.subscribers.actor', { name: record.actorName })}</Text>
            )}
            {record.consentText && (
              <Text size="xs" c="dimmed">
                {record.consentText}
              </Text>
            )}
          </Timeline.Item>
        ))}
      </Timeline>
    </ConsoleModal>
  );
}

export function SubscribersSection() {
  const { t, i18n } = useTranslation('console');
  const timezone = useAgencyTimezone();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<SubscriberStatus | ''>('');
  const [page, setPage] = useState(1);
  const subscribers = useSubscribers({ q, status, page });
  const revoke = useRevokeSubscriber();
  const [open, setOpen] = useState<Subscriber | null>(null);

  const revokeOne = (subscriber: Subscriber) =>
    revoke.mutate(subscriber.id, {
      onSuccess: () => notifications.show({ color: 'green', message: t('mailings.subscribers.revoked') }),
      onError: (error) => notifications.show({ color: 'red', message: describeError(error, t) }),
    });

  return (
    <Stack gap="md">
      <Group align="flex-end">
        <TextInput
          label={t('mailings.subscribers.search')}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={q}
          onChange={(event) => {
            setPage(1);
            setQ(event.currentTarget.value);
          }}
        />
        <Select
          label={t('mailings.subscribers.status')}
          data={[
            { value: '', label: t('mailings.subscribers.anyStatus') },
            ...SUBSCRIBER_STATUSES.map((value) => ({ value, label: t(`mailings.statuses.${value}`) })),
          ]}
          value={status}
          onChange={(value) => {
            setPage(1);
            setStatus((value ?? '') as SubscriberStatus | '');
          }}
          allowDeselect={false}
        />
        <Button
          component="a"
          href={LEDGER_EXPORT_URL}
          variant="default"
          leftSection={<IconDownload size={16} aria-hidden />}
        >
          {t('mailings.subscribers.export')}
        </Button>
      </Group>
      <QueryStatus query={subscribers} rows={4} />
      {subscribers.data && subscribers.data.items.length === 0 && (
        <Text>{t('mailings.subscribers.empty')}</Text>
      )}
      {subscribers.data && subscribers.data.items.length > 0 && (
        <DataTable
          minWidth={640}
          head={
            <>
              <Table.Th>{t('mailings.subscribers.email')}</Table.Th>
              <Table.Th>{t('mailings.subscribers.status')}</Table.Th>
              <Table.Th>{t('mailings.subscribers.confirmedAt')}</Table.Th>
              <Table.Th>{t('mailings.actions')}</Table.Th>
            </>
          }
        >
          {subscribers.data.items.map((subscriber) => (
            <Table.Tr key={subscriber.id}>
              <Table.Td>{subscriber.email}</Table.Td>
              <Table.Td>
                <Badge color={STATUS_COLORS[subscriber.status]} variant="light">
                  {t(`mailings.statuses.${subscriber.status}`)}
                </Badge>
              </Table.Td>
              <Table.Td>
                {subscriber.confirmedAt
                  ? formatDateTime(subscriber.confirmedAt, i18n.language, timezone)
                  : '—'}
              </Table.Td>
              <Table.Td>
                <Group gap="xs">
                  <Button
                    size="xs"
                    variant="subtle"
                    leftSection={<IconHistory size={14} aria-hidden />}
                    onClick={() => setOpen(subscriber)}
                  >
                    {t('mailings.subscribers.ledger')}
                  </Button>
                  {subscriber.status !== 'revoked' && (
                    <Button size="xs" variant="subtle" color="red" onClick={() => revokeOne(subscriber)}>
                      {t('mailings.subscribers.revoke')}
                    </Button>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      )}
      {subscribers.data && subscribers.data.pages > 1 && (
        <Pagination total={subscribers.data.pages} value={page} onChange={setPage} />
      )}
      {open && <ConsentHistory subscriber={open} onClose={() => setOpen(null)} />}
    </Stack>
  );
}
