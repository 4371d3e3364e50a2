import { SimpleGrid, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { WorkingHoursText } from '../hours/WorkingHoursText';
import { useAgency } from '../layout/AgencyLayout';
import { ContentSection } from '../layout/ContentSection';
import { PageHeading } from '../layout/PageHeading';
import { agencyPath } from '../navigation/siteStructure';
import { groupTouchpoints } from '../touchpoints/groupTouchpoints';
import { TouchpointList } from '../touchpoints/TouchpointList';

/** Every public touchpoint with its note and its own hours where it has them (e.g. ЕКЦ 110). */
export function ContactsPage() {
  const { t } = useTranslation('portal');
  const agency = useAgency();
  const { digital, offline } = groupTouchpoints(agency.touchpoints);

  return (
    <>
      <PageHeading
        title={t('menu.contacts')}
        trail={[{ label: t('menu.home'), to: agencyPath(agency.slug) }]}
        siteName={agency.shortName}
      />
      <Stack gap="lg">
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <ContentSection id="digital" title={t('sections.digital')}>
            <TouchpointList touchpoints={digital} timezone={agency.timezone} detailed />
          </ContentSection>
          <ContentSection id="offline" title={t('sections.offline')}>
            <TouchpointList touchpoints={offline} timezone={agency.timezone} detailed />
          </ContentSection>
        </SimpleGrid>
        <ContentSection id="hours" title={t('sections.agencyHours')}>
          <WorkingHoursText hours={agency.workingHours} timezone={agency.timezone} />
        </ContentSection>
      </Stack>
    </>
  );
}
