import { Anchor, Group, List, SimpleGrid, Stack } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { WorkingHoursText } from '../hours/WorkingHoursText';
import { useAgency } from '../layout/AgencyLayout';
import { ContentSection } from '../layout/ContentSection';
import { PageHeading } from '../layout/PageHeading';
import { agencyPath } from '../navigation/siteStructure';
import { groupTouchpoints } from '../touchpoints/groupTouchpoints';
import { TouchpointList } from '../touchpoints/TouchpointList';
import { AboutAgency } from './AboutAgency';

export function HomePage() {
  const { t } = useTranslation('portal');
  const agency = useAgency();
  const { digital, offline } = groupTouchpoints(agency.touchpoints);

  return (
    <>
      <PageHeading title={agency.name} crumb={t('menu.home')} trail={[]} siteName={agency.shortName} />
      <Stack gap="xl">
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <ContentSection id="about" title={t('sections.about')}>
            <AboutAgency agency={agency} />
          </ContentSection>
          <ContentSection id="hours" title={t('sections.hours')}>
            <WorkingHoursText hours={agency.workingHours} timezone={agency.timezone} />
          </ContentSection>
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <ContentSection id="digital" title={t('sections.digital')}>
            <TouchpointList touchpoints={digital} timezone={agency.timezone} />
          </ContentSection>
          <ContentSection id="offline" title={t('sections.offline')}>
            <TouchpointList touchpoints={offline} timezone={agency.timezone} />
          </ContentSection>
        </SimpleGrid>
        <Group>
          <Anchor component={Link} to={agencyPath(agency.slug, 'contacts')} fw={600}>
            {t('home.allContacts')}{' '}
            <IconArrowRight size="1.125rem" aria-hidden="true" style={{ verticalAlign: 'text-bottom' }} />
          </Anchor>
        </Group>
        {agency.departments.length > 0 && (
          <ContentSection id="departments" title={t('sections.departments')}>
            <List spacing="xs">
              {agency.departments.map((department) => (
                <List.Item key={department.id}>{department.name}</List.Item>
              ))}
            </List>
          </ContentSection>
        )}
      </Stack>
    </>
  );
}
