import { Badge, Button, Group, Pagination, Progress, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Campaign, CampaignStatus } from '../../../common/mailings';
import { AddButton } from '../shared/AddButton';
import { formatDateTime, useAgencyTimezone } from '../shared/agencyTime';
import { DataTable } from '../shared/DataTable';
import { describeError } from '../shared/describeError';
import { QueryStatus } from '../shared/QueryStatus';
import { type CampaignAction, useCampaignAction, useCampaigns } from './mailingQueries';

const STATUS_COLORS: Record<CampaignStatus, string> = {
  draft: 'gray',
  scheduled: 'blue',
  sending: 'teal',
  paused: 'yellow',
  sent: 'green',
  cancelled: 'red',
};

/** What may be done with a campaign in each status (the server refuses anything else with 409). */
const ACTIONS: Record<CampaignStatus, CampaignAction[]> = {
  draft: ['cancel'],
  scheduled: ['unschedule', 'cancel'],
  sending: ['pause', 'cancel'],
  paused: ['resume', 'cancel'],
  sent: [],
  cancelled: [],
};

function ProgressCell({ campaign }: { campaign: Campaign }) {
  const { t, i18n } = useTranslation('console');
  const timezone = useAgencyTimezone();
  const { progress } = campaign;
  if (progress.total === 0) return <Text size="sm">—</Text>;
  const done = ((progress.sent + progress.failed + progress.skipped) / progress.total) * 100;
  return (
    <Stack gap={4}>
      <Progress value={done} aria-label={t('mailings.campaigns.progress')} />
      <Text size="xs">{t('mailings.campaigns.counts', { ...progress })}</Text>
      {progress.opened !== null && (
        <Text size="xs">{t('mailings.campaigns.opened', { count: progress.opened })}</Text>
      )}
      {progress.clicked !== null && (
        <Text size="xs">{t('mailings.campaigns.clicked', { count: progress.clicked })}</Text>
      )}
      {progress.etaAt && (
        <Text size="xs">
          {t('mailings.campaigns.eta', {
            rate: progress.ratePerMinute,
            at: formatDateTime(progress.etaAt, i18n.language, timezone),
          })}
        </Text>
      )}
    </Stack>
  );
}

/** Campaigns with live progress: the list polls while one is being sent (issue 9 p. 5). */
export function CampaignsSection() {
  const { t, i18n } = useTranslation('console');
  const timezone = useAgencyTimezone();
  const [page, setPage] = useState(1);
  const campaigns = useCampaigns(page);
  const act = useCampaignAction();
  const navigate = useNavigate();
  const run = (campaign: Campaign, action: CampaignAction) =>
    act.mutate(
      { id: campaign.id, action },
      { onError: (error) => notifications.show({ color: 'red', message: describeError(error, t) }) },
    );

  return (
    <Stack gap="md">
      <Group>
        <AddButton label={t('mailings.campaigns.add')} onClick={() => navigate('/mailings/campaigns/new')} />
      </Group>
      <QueryStatus query={campaigns} rows={4} />
      {campaigns.data?.items.length === 0 && <Text>{t('mailings.campaigns.empty')}</Text>}
      {campaigns.data && campaigns.data.items.length > 0 && (
        <DataTable
          minWidth={760}
          head={
            <>
              <Table.Th>{t('mailings.campaigns.subject')}</Table.Th>
              <Table.Th>{t('mailings.campaigns.status')}</Table.Th>
              <Table.Th>{t('mailings.campaigns.when')}</Table.Th>
              <Table.Th>{t('mailings.campaigns.progress')}</Table.Th>
              <Table.Th>{t('mailings.actions')}</Table.Th>
            </>
          }
        >
          {campaigns.data.items.map((campaign) => {
            const when = campaign.startedAt ?? campaign.scheduledAt ?? campaign.createdAt;
            return (
              <Table.Tr key={campaign.id}>
                <Table.Td>
                  <Link to={`/mailings/campaigns/${campaign.id}`}>{campaign.subject}</Link>
                </Table.Td>
                <Table.Td>
                  <Badge color={STATUS_COLORS[campaign.status]} variant="light">
                    {t(`mailings.campaignStatuses.${campaign.status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>{formatDateTime(when, i18n.language, timezone)}</Table.Td>
                <Table.Td miw={200}>
                  <ProgressCell campaign={campaign} />
                </Table.Td>
                <Table.Td>
                  <Group gap="xs">
                    {ACTIONS[campaign.status].map((action) => (
                      <Button
                        key={action}
                        size="xs"
                        variant="subtle"
                        color={action === 'cancel' ? 'red' : undefined}
                        onClick={() => run(campaign, action)}
                      >
                        {t(`mailings.campaigns.actions.${action}`)}
                      </Button>
                    ))}
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </DataTable>
      )}
      {campaigns.data && campaigns.data.pages > 1 && (
        <Pagination total={campaigns.data.pages} value={page} onChange={setPage} />
      )}
    </Stack>
  );
}
