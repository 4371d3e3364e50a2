import { Button, Group, Stack, Switch, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlugConnected } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AddButton } from '../shared/AddButton';
import { formatDateTime, useAgencyTimezone } from '../shared/agencyTime';
import { ConfirmDeleteModal } from '../shared/ConfirmDeleteModal';
import { DataTable } from '../shared/DataTable';
import { describeError } from '../shared/describeError';
import { ListPage } from '../shared/ListPage';
import { RowActions } from '../shared/RowActions';
import { AccountModal } from './AccountModal';
import { useChannelAccounts, useDeleteAccount, useTestAccount, useToggleAccount } from './channelQueries';
import type { ChannelAccount } from './channelTypes';
import { LabelBadge, NetworkBadge } from './NetworkBadge';

/** Issue 5 p. 9: every channel configured per agency, with a connection check and its health. */
export function ChannelsPage() {
  const { t } = useTranslation('console');
  const accounts = useChannelAccounts();
  const remove = useDeleteAccount();
  const [editing, setEditing] = useState<ChannelAccount | 'new' | null>(null);
  const [deleting, setDeleting] = useState<ChannelAccount | null>(null);

  return (
    <ListPage
      title={t('nav.channels')}
      description={t('channels.description')}
      actions={<AddButton label={t('channels.add')} onClick={() => setEditing('new')} />}
      query={accounts}
      emptyTitle={t('channels.empty')}
      emptyHint={t('channels.emptyHint')}
      renderItems={(items) => <AccountsTable items={items} onEdit={setEditing} onDelete={setDeleting} />}
    >
      {editing && (
        <AccountModal account={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
      <ConfirmDeleteModal
        item={deleting}
        remove={remove}
        title={t('channels.deleteTitle')}
        message={t('channels.deleteMessage', { title: deleting?.title ?? '' })}
        deletedMessage={(account) => t('channels.deleted', { title: account.title })}
        onClose={() => setDeleting(null)}
      />
    </ListPage>
  );
}

function AccountsTable(props: {
  items: ChannelAccount[];
  onEdit: (account: ChannelAccount) => void;
  onDelete: (account: ChannelAccount) => void;
}) {
  const { t, i18n } = useTranslation('console');
  const timezone = useAgencyTimezone();
  const toggle = useToggleAccount();
  return (
    <DataTable
      minWidth={900}
      head={
        <>
          <Table.Th>{t('channels.network')}</Table.Th>
          <Table.Th>{t('channels.title')}</Table.Th>
          <Table.Th>{t('channels.enabled')}</Table.Th>
          <Table.Th>{t('channels.health')}</Table.Th>
          <Table.Th>{t('channels.checkedAt')}</Table.Th>
          <Table.Th>{t('channels.actions')}</Table.Th>
        </>
      }
    >
      {props.items.map((account) => (
        <Table.Tr key={account.id}>
          <Table.Td>
            <NetworkBadge network={account.network} />
          </Table.Td>
          <Table.Td>{account.title}</Table.Td>
          <Table.Td>
            <Switch
              checked={account.enabled}
              aria-label={t('channels.enabledFor', { title: account.title })}
              onChange={(event) =>
                toggle.mutate(
                  { id: account.id, enabled: event.currentTarget.checked },
                  {
                    onError: (error) =>
                      notifications.show({ color: 'red', message: describeError(error, t) }),
                  },
                )
              }
            />
          </Table.Td>
          <Table.Td>
            <HealthBadge account={account} />
          </Table.Td>
          <Table.Td>
            <Text size="sm" c={account.health.checkedAt ? undefined : 'dimmed'}>
              {account.health.checkedAt
                ? formatDateTime(account.health.checkedAt, i18n.language, timezone)
                : t('channels.never')}
            </Text>
          </Table.Td>
          <Table.Td>
            <Group gap="xs" wrap="nowrap">
              <TestButton account={account} />
              <RowActions
                subject={account.title}
                onEdit={() => props.onEdit(account)}
                onDelete={() => props.onDelete(account)}
              />
            </Group>
          </Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
}

function HealthBadge({ account }: { account: ChannelAccount }) {
  const { t } = useTranslation('console');
  const { checkedAt, error } = account.health;
  if (!checkedAt) return <LabelBadge color="gray">{t('channels.notChecked')}</LabelBadge>;
  if (!error) return <LabelBadge color="green">{t('channels.healthy')}</LabelBadge>;
  return (
    <Stack gap={2} align="flex-start" maw={280}>
      <LabelBadge color="red">{t('channels.unhealthy')}</LabelBadge>
      <Text size="xs" c="red.9">
        {error}
      </Text>
    </Stack>
  );
}

function TestButton({ account }: { account: ChannelAccount }) {
  const { t } = useTranslation('console');
  const test = useTestAccount();
  return (
    <Button
      size="xs"
      variant="default"
      leftSection={<IconPlugConnected size={14} aria-hidden />}
      loading={test.isPending}
      aria-label={t('channels.testFor', { title: account.title })}
      onClick={() =>
        test.mutate(account.id, {
          onSuccess: (result) =>
            notifications.show(
              result.ok
                ? { color: 'green', message: t('channels.testOk', { title: account.title }) }
                : { color: 'red', title: t('channels.testFailed'), message: result.error },
            ),
          onError: (error) => notifications.show({ color: 'red', message: describeError(error, t) }),
        })
      }
    >
      {t('channels.test')}
    </Button>
  );
}
