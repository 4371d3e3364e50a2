import { Alert, Button, SimpleGrid, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileZip, IconPencil } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useParams } from 'react-router';
import type { ClientDetail } from '../../../common/clients';
import { canEditClients, canExportSubjectData } from '../session/access';
import { useSession } from '../session/SessionContext';
import { formatDateTime, useAgencyTimezone } from '../shared/agencyTime';
import { CardSection } from '../shared/CardSection';
import { DetailField, DetailPage } from '../shared/DetailPage';
import { describeError } from '../shared/describeError';
import { PageFooter } from '../shared/PageFooter';
import { PageHeader } from '../shared/PageHeader';
import { QueryStatus } from '../shared/QueryStatus';
import { ClientEditModal } from './ClientEditModal';
import { ClientTimeline } from './ClientTimeline';
import { ContactsSection } from './ContactsSection';
import { useClient, useHistoryExport, useSubjectExport, useTimeline } from './clientQueries';
import { LegalHoldSection } from './LegalHoldSection';

export function ClientCardPage() {
  const { t } = useTranslation('console');
  const { id = '' } = useParams();
  const client = useClient(id);
  // A merged-away id resolves to the survivor: show the survivor under its own address.
  if (client.data && client.data.id !== id) return <Navigate to={`/clients/${client.data.id}`} replace />;
  return (
    <DetailPage
      query={client}
      back={{ to: '/clients', label: t('clients.back') }}
      title={t('nav.clients')}
      notFoundTitle={t('clients.card.notFound')}
    >
      {(data) => <ClientCard client={data} />}
    </DetailPage>
  );
}

function ClientCard({ client }: { client: ClientDetail }) {
  const { t, i18n } = useTranslation('console');
  const session = useSession();
  const timezone = useAgencyTimezone();
  const [timelinePage, setTimelinePage] = useState(1);
  const timeline = useTimeline(client.id, timelinePage);
  const exporter = useHistoryExport(client.id);
  const subjectExporter = useSubjectExport(client.id);
  const [editing, setEditing] = useState(false);
  const editable = canEditClients(session);
  const none = t('common:state.notSet');
  const onExport = () =>
    exporter.mutate(undefined, {
      onSuccess: () => notifications.show({ color: 'green', message: t('clients.export.done') }),
    });

  const onSubjectExport = () =>
    subjectExporter.mutate(undefined, {
      onSuccess: () => notifications.show({ color: 'green', message: t('clients.subjectExport.done') }),
    });
  const exportError = exporter.error ?? subjectExporter.error;

  return (
    <>
      <PageHeader
        title={client.name}
        description={t(`clients.kinds.${client.kind}`)}
        actions={
          <>
            {editable && (
              <Button
                leftSection={<IconFileZip size={18} aria-hidden />}
                loading={exporter.isPending}
                onClick={onExport}
              >
                {t('clients.export.button')}
              </Button>
            )}
            {canExportSubjectData(session) && (
              <Button
                variant="light"
                leftSection={<IconFileZip size={18} aria-hidden />}
                loading={subjectExporter.isPending}
                onClick={onSubjectExport}
              >
                {t('clients.subjectExport.button')}
              </Button>
            )}
          </>
        }
      />
      {exportError && (
        <Alert color="red" role="alert" mb="md">
          {describeError(exportError, t)}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <CardSection
          title={t('clients.card.details')}
          actions={
            editable && (
              <Button
                variant="light"
                size="xs"
                leftSection={<IconPencil size={14} aria-hidden />}
                onClick={() => setEditing(true)}
              >
                {t('common:actions.edit')}
              </Button>
            )
          }
        >
          <Stack gap="xs" component="dl" m={0}>
            <DetailField label={t('clients.fields.organisationName')}>
              {client.organisationName ?? none}
            </DetailField>
            <DetailField label={t('clients.fields.inn')}>{client.inn ?? none}</DetailField>
            <DetailField label={t('clients.fields.postalAddress')}>
              {client.postalAddress ?? none}
            </DetailField>
            <DetailField label={t('clients.fields.createdAt')}>
              <time dateTime={client.createdAt}>
                {formatDateTime(client.createdAt, i18n.language, timezone)}
              </time>
            </DetailField>
            <DetailField label={t('clients.fields.lastInteractionAt')}>
              <time dateTime={client.lastInteractionAt}>
                {formatDateTime(client.lastInteractionAt, i18n.language, timezone)}
              </time>
            </DetailField>
          </Stack>
        </CardSection>
        <Stack gap="md">
          <ContactsSection client={client} editable={editable} />
          <LegalHoldSection client={client} />
        </Stack>
      </SimpleGrid>
      <Stack mt="md">
        <CardSection title={t('clients.timeline.title')}>
          <QueryStatus query={timeline} rows={4} />
          {timeline.data && (
            <>
              <ClientTimeline entries={timeline.data.items} timezone={timezone} />
              {timeline.data.pages > 1 && (
                <PageFooter
                  total={timeline.data.total}
                  pages={timeline.data.pages}
                  page={timelinePage}
                  onPage={setTimelinePage}
                />
              )}
            </>
          )}
        </CardSection>
      </Stack>
      {editing && <ClientEditModal client={client} onClose={() => setEditing(false)} />}
    </>
  );
}
