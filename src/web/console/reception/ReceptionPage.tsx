import { Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { canEdit } from '../session/access';
import { useSession } from '../session/SessionContext';
import { PageHeader } from '../shared/PageHeader';
import { GenerateSlotsForm } from './GenerateSlotsForm';
import { OfficialsSection } from './OfficialsSection';
import { RoomsSection } from './RoomsSection';
import { ScheduleSection } from './ScheduleSection';
import { VisitFeedbackLinks } from './VisitFeedbackLinks';

/** Personal reception of citizens by officials (issue 7 p. 5): schedule, who receives, where. */
export function ReceptionPage() {
  const { t } = useTranslation('console');
  const editable = canEdit(useSession(), 'reception');
  return (
    <>
      <PageHeader
        title={t('nav.reception')}
        description={t('reception.description')}
        actions={<VisitFeedbackLinks />}
      />
      <Tabs defaultValue="schedule" keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="schedule">{t('reception.tabs.schedule')}</Tabs.Tab>
          {editable && <Tabs.Tab value="generate">{t('reception.tabs.generate')}</Tabs.Tab>}
          <Tabs.Tab value="officials">{t('reception.tabs.officials')}</Tabs.Tab>
          <Tabs.Tab value="rooms">{t('reception.tabs.rooms')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="schedule">
          <ScheduleSection editable={editable} />
        </Tabs.Panel>
        {editable && (
          <Tabs.Panel value="generate">
            <GenerateSlotsForm />
          </Tabs.Panel>
        )}
        <Tabs.Panel value="officials">
          <OfficialsSection editable={editable} />
        </Tabs.Panel>
        <Tabs.Panel value="rooms">
          <RoomsSection editable={editable} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
