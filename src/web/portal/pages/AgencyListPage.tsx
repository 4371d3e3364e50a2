import { Anchor, Paper, SimpleGrid, Text, Title } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PublicAgency } from '../../../common/types';
import { usePublicAgencies } from '../data/publicQueries';
import { TimezoneText } from '../hours/WorkingHoursText';
import { PageHeading } from '../layout/PageHeading';
import { PlatformFooter, PlatformHeader } from '../layout/PlatformHeader';
import { PortalShell } from '../layout/PortalShell';
import { useFocusOnNavigate } from '../layout/useFocusOnNavigate';
import { agencyPath } from '../navigation/siteStructure';
import classes from './AgencyListPage.module.css';
import { LoadError } from './LoadStatePages';

/** `/`: the official sites of every agency on the platform. */
export function AgencyListPage() {
  const { t } = useTranslation('portal');
  const query = usePublicAgencies();
  useFocusOnNavigate(query.isSuccess);

  return (
    <PortalShell header={<PlatformHeader />} footer={<PlatformFooter />}>
      <PageHeading title={t('agencyList.title')} trail={[]} siteName={t('platform.name')} />
      <Text mb="lg" maw="48rem">
        {t('agencyList.intro')}
      </Text>
      {query.isPending && <Text role="status">{t('state.loading')}</Text>}
      {query.isError && <LoadError onRetry={() => void query.refetch()} />}
      {query.isSuccess &&
        (query.data.length === 0 ? (
          <Text>{t('agencyList.empty')}</Text>
        ) : (
          <SimpleGrid component="ul" cols={{ base: 1, sm: 2 }} spacing="lg" className={classes.list}>
            {query.data.map((agency) => (
              <AgencyCard key={agency.slug} agency={agency} />
            ))}
          </SimpleGrid>
        ))}
    </PortalShell>
  );
}

function AgencyCard({ agency }: { agency: PublicAgency }) {
  return (
    <li>
      <Paper withBorder radius="md" p="lg" className={classes.card}>
        <Text className={classes.shortName}>{agency.shortName}</Text>
        <Title order={2} className={classes.name}>
          <Anchor component={Link} to={agencyPath(agency.slug)} className={classes.link}>
            {agency.name}
          </Anchor>
        </Title>
        <TimezoneText timezone={agency.timezone} />
        <IconArrowRight className={classes.arrow} size="1.375rem" aria-hidden="true" />
      </Paper>
    </li>
  );
}
