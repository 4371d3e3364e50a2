import { Anchor, Button, Group, Select } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { NETWORKS, type Network } from '../channels/channelTypes';
import { canEdit } from '../session/access';
import { useSession } from '../session/SessionContext';
import { describeError } from '../shared/describeError';
import { EmptyMessage } from '../shared/EmptyMessage';
import { PageFooter } from '../shared/PageFooter';
import { PageHeader } from '../shared/PageHeader';
import { QueryStatus } from '../shared/QueryStatus';
import { AnswerModal } from './AnswerModal';
import { DismissModal } from './DismissModal';
import { InviteModal } from './InviteModal';
import { InviteSettingsModal } from './InviteSettingsModal';
import { type SocialAction, SocialTable } from './SocialTable';
import {
  SOCIAL_STATUSES,
  type SocialFilter,
  type SocialItem,
  type SocialStatus,
  useConvert,
  useInviteSettings,
  useSocialQueue,
} from './socialQueries';

/** The social inbox (seed 001 p. 6.2): comments and messages from every network, answered in place. */
export function SocialPage() {
  const { t } = useTranslation('console');
  const session = useSession();
  const [filter, setFilter] = useState<SocialFilter>({ status: 'new', network: null, page: 1 });
  const queue = useSocialQueue(filter);
  const convert = useConvert();
  const settings = useInviteSettings();
  const [open, setOpen] = useState<{ item: SocialItem; action: Exclude<SocialAction, 'convert'> } | null>(
    null,
  );
  const [editingInvite, setEditingInvite] = useState(false);
  const counts = queue.data?.counts;

  const act = (item: SocialItem, action: SocialAction) => {
    if (action !== 'convert') return setOpen({ item, action });
    convert.mutate(item.id, {
      onSuccess: ({ requestId, number }) =>
        notifications.show({
          color: 'green',
          message: (
            <Anchor component={Link} to={`/requests/${requestId}`}>
              {t('social.converted', { number })}
            </Anchor>
          ),
        }),
      onError: (error) => notifications.show({ color: 'red', message: describeError(error, t) }),
    });
  };

  const close = () => setOpen(null);
  const change = (patch: Partial<SocialFilter>) =>
    setFilter((current) => ({ ...current, ...patch, page: 1 }));

  return (
    <>
      <PageHeader
        title={t('nav.social')}
        description={t('social.description')}
        actions={
          canEdit(session, 'channels') && settings.data ? (
            <Button variant="default" onClick={() => setEditingInvite(true)}>
              {t('social.inviteSettings')}
            </Button>
          ) : undefined
        }
      />
      <Group align="flex-end" mb="md">
        <Select
          label={t('social.status')}
          placeholder={t('social.allStatuses')}
          data={SOCIAL_STATUSES.map((status) => ({
            value: status,
            label: `${t(`social.statuses.${status}`)}${counts ? ` (${counts[status]})` : ''}`,
          }))}
          value={filter.status}
          onChange={(status) => change({ status: status as SocialStatus | null })}
          clearable
          w={260}
        />
        <Select
          label={t('social.network')}
          placeholder={t('social.allNetworks')}
          data={NETWORKS.map((network) => ({ value: network, label: t(`channels.networks.${network}`) }))}
          value={filter.network}
          onChange={(network) => change({ network: network as Network | null })}
          clearable
          w={200}
        />
      </Group>
      <QueryStatus query={queue} rows={8} />
      {queue.data?.items.length === 0 && (
        <EmptyMessage
          title={t(filter.status === 'new' && !filter.network ? 'social.emptyNew' : 'social.empty')}
          description={t('social.emptyHint')}
        />
      )}
      {queue.data && queue.data.items.length > 0 && (
        <>
          <SocialTable
            items={queue.data.items}
            onAction={act}
            converting={convert.isPending ? (convert.variables ?? null) : null}
          />
          <PageFooter
            total={queue.data.total}
            pages={queue.data.pages}
            page={filter.page}
            onPage={(page) => setFilter((current) => ({ ...current, page }))}
          />
        </>
      )}
      {open?.action === 'answer' && <AnswerModal item={open.item} onClose={close} />}
      {open?.action === 'invite' && <InviteModal item={open.item} onClose={close} />}
      {open?.action === 'dismiss' && <DismissModal item={open.item} onClose={close} />}
      {editingInvite && settings.data && (
        <InviteSettingsModal settings={settings.data} onClose={() => setEditingInvite(false)} />
      )}
    </>
  );
}
