import { Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../shared/PageHeader';
import { CampaignsSection } from './CampaignsSection';
import { SubscribersSection } from './SubscribersSection';
import { TopicsSection } from './TopicsSection';
import { TrackingSection } from './TrackingSection';

/** «Рассылки» (seed 004 p. 12–15): campaigns, the subscribers with their consent ledger, topics. */
export function MailingsPage() {
  const { t } = useTranslation('console');
  return (
    <>
      <PageHeader title={t('nav.mailings')} description={t('mailings.description')} />
      <Tabs defaultValue="campaigns" keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="campaigns">{t('mailings.tabs.campaigns')}</Tabs.Tab>
          <Tabs.Tab value="subscribers">{t('mailings.tabs.subscribers')}</Tabs.Tab>
          <Tabs.Tab value="topics">{t('mailings.tabs.topics')}</Tabs.Tab>
          <Tabs.Tab value="tracking">{t('mailings.tabs.tracking')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="campaigns">
          <CampaignsSection />
        </Tabs.Panel>
        <Tabs.Panel value="subscribers">
          <SubscribersSection />
        </Tabs.Panel>
        <Tabs.Panel value="topics">
          <TopicsSection />
        </Tabs.Panel>
        <Tabs.Panel value="tracking">
          <TrackingSection />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
