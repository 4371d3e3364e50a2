import { Anchor, Button, Group, Menu, Stack, Table, Text } from '@mantine/core';
import { IconChevronDown } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LabelBadge, NetworkBadge, OutboundStatusBadge } from '../channels/NetworkBadge';
import { formatDateTime, useAgencyTimezone } from '../shared/agencyTime';
import { DataTable } from '../shared/DataTable';
import type { SocialItem, SocialStatus } from './socialQueries';

export type SocialAction = 'answer' | 'invite' | 'convert' | 'dismiss';

const STATUS_COLORS: Record<SocialStatus, string> = {
  new: 'blue',
  answered: 'green',
  invited: 'teal',
  converted: 'grape',
  dismissed: 'gray',
};

interface SocialTableProps {
  items: SocialItem[];
  onAction: (item: SocialItem, action: SocialAction) => void;
  converting: string | null;
}

export function SocialTable({ items, onAction, converting }: SocialTableProps) {
  const { t, i18n } = useTranslation('console');
  const timezone = useAgencyTimezone();
  return (
    <DataTable
      minWidth={980}
      head={
        <>
          <Table.Th>{t('social.network')}</Table.Th>
          <Table.Th>{t('social.thread')}</Table.Th>
          <Table.Th>{t('social.author')}</Table.Th>
          <Table.Th w="34%">{t('social.text')}</Table.Th>
          <Table.Th aria-sort="descending">{t('social.receivedAt')}</Table.Th>
          <Table.Th>{t('social.status')}</Table.Th>
          <Table.Th>{t('social.actions')}</Table.Th>
        </>
      }
    >
      {items.map((item) => (
        <Table.Tr key={item.id}>
          <Table.Td>
            <Stack gap={4} align="flex-start">
              <NetworkBadge network={item.network} />
              <Text size="xs" c="dimmed">
                {t(`social.kinds.${item.kind}`)}
              </Text>
            </Stack>
          </Table.Td>
          <Table.Td>
            <Text size="sm">
              {item.threadTitle ?? (item.kind === 'message' ? t('social.directChat') : item.threadId)}
            </Text>
            {item.threadSize > 1 && (
              <Text size="xs" c="dimmed">
                {t('social.threadSize', { count: item.threadSize })}
              </Text>
            )}
          </Table.Td>
          <Table.Td>
            <Text size="sm">{item.authorName}</Text>
          </Table.Td>
          <Table.Td>
            <Text size="sm" lineClamp={4} style={{ whiteSpace: 'pre-wrap' }}>
              {item.text}
            </Text>
          </Table.Td>
          <Table.Td>
            <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
              <time dateTime={item.receivedAt}>
                {formatDateTime(item.receivedAt, i18n.language, timezone)}
              </time>
            </Text>
          </Table.Td>
          <Table.Td>
            <Stack gap={4} align="flex-start">
              <LabelBadge color={STATUS_COLORS[item.status]}>
                {t(`social.statuses.${item.status}`)}
              </LabelBadge>
              {item.replyStatus && <OutboundStatusBadge status={item.replyStatus} />}
              {item.requestId && (
                <Anchor component={Link} to={`/requests/${item.requestId}`} size="sm">
                  {t('social.requestLink', { number: item.requestNumber ?? '' })}
                </Anchor>
              )}
              {item.dismissReason && (
                <Text size="xs" c="dimmed">
                  {item.dismissReason}
                </Text>
              )}
            </Stack>
          </Table.Td>
          <Table.Td>
            {item.status === 'new' && <ItemActions item={item} onAction={onAction} converting={converting} />}
          </Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
}

function ItemActions({ item, onAction, converting }: Omit<SocialTableProps, 'items'> & { item: SocialItem }) {
  const { t } = useTranslation('console');
  return (
    <Group gap={4} wrap="nowrap">
      <Button
        size="xs"
        onClick={() => onAction(item, 'answer')}
        aria-label={t('social.answerFor', { name: item.authorName })}
      >
        {t('social.answerAction')}
      </Button>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button
            size="xs"
            variant="default"
            loading={converting === item.id}
            rightSection={<IconChevronDown size={14} aria-hidden />}
            aria-label={t('social.moreFor', { name: item.authorName })}
          >
            {t('social.more')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item onClick={() => onAction(item, 'invite')}>{t('social.invite')}</Menu.Item>
          <Menu.Item onClick={() => onAction(item, 'convert')}>{t('social.convert')}</Menu.Item>
          <Menu.Item color="red" onClick={() => onAction(item, 'dismiss')}>
            {t('social.dismiss')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
    </Group>
  );
}
