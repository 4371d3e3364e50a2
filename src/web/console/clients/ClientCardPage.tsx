import { Alert, Anchor, Button, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconFileZip, IconPencil } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams } from 'react-router';
import type { ClientDetail } from '../../../common/clients';
import { ApiError } from '../../ui/api';
import { formatDateTime, useAgencyTimezone } from '../requests/formats';
import { canEditClients } from '../session/access';
import { useSession } from '../session/SessionContext';
import { describeError } from '../shared/describeError';
import { EmptyMessage } from '../shared/EmptyMessage';
import { PageHeader } from '../shared/PageHeader';
import { QueryStatus } from '../shared/QueryStatus';
import { CardSection } from './CardSection';
import { ClientEditModal } from './ClientEditModal';
import { ClientTimeline } from './ClientTimeline';
import { ContactsSection } from './ContactsSection';
import { useClient, useHistoryExport, useTimeline } from './clientQueries';
import { LegalHoldSection } from './LegalHoldSection';

export function ClientCardPage() {
  const { t } = useTranslation('console');
  const { id = '' } = useParams();
  const client = useClient(id);
  const notFound = client.error instanceof ApiError && client.error.status === 404;
  // A merged-away id resolves to the survivor: show the survivor under its own address.
  if (client.data && client.data.id !== id) return <Navigate to={`/clients/${client.data.id}`} replace />;
  return (
    <>
      <Anchor component={Link} to="/clients" size="sm" mb="sm" display="inline-flex">
        <Group gap={4} component="span">
          <IconArrowLeft size={14} aria-hidden />
          {t('clients.back')}
        </Group>
      </Anchor>
      {notFound ? (
        <>
          <PageHeader title={t('clients.card.notFound')} />
          <EmptyMessage title={t('clients.card.notFound')} />
        </>
      ) : (
        <>
          {!client.data && <PageHeader title={t('nav.clients')} />}
          <QueryStatus query={client} rows={6} />
          {client.data && <ClientCard client={client.data} />}
        </>
      )}
    </>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="sm" c="dimmed" component="dt">
        {label}
      </Text>
      <Text component="dd" m={0} style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </div>
  );
}

function ClientCard({ client }: { client: ClientDetail }) {
  const { t, i18n } = useTranslation('console');
  const session = useSession();
  const timezone = useAgencyTimezone();
  const timeline = useTimeline(client.id);
  const exporter = useHistoryExport(client.id);
  const [editing, setEditing] = useState(false);
  const editable = canEditClients(session);
  const none = t('common:state.notSet');
  const onExport = () =>
    exporter.mutate(undefined, {
      onSuccess: () => notifications.show({ color: 'green', message: t('clients.export.done') }),
    });

  return (
    <>
      <PageHeader
        title={client.name}
        description={t(`clients.kinds.${client.kind}`)}
        actions={
          editable && (
            <Button
              leftSection={<IconFileZip size={18} aria-hidden />}
              loading={exporter.isPending}
              onClick={onExport}
            >
              {t('clients.export.button')}
            </Button>
          )
        }
      />
      {exporter.error && (
        <Alert color="red" role="alert" mb="md">
          {describeError(exporter.error, t)}
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
            <Field label={t('clients.fields.organisationName')}>{client.organisationName ?? none}</Field>
            <Field label={t('clients.fields.inn')}>{client.inn ?? none}</Field>
            <Field label={t('clients.fields.postalAddress')}>{client.postalAddress ?? none}</Field>
            <Field label={t('clients.fields.createdAt')}>
              <time dateTime={client.createdAt}>
                {formatDateTime(client.createdAt, i18n.language, timezone)}
              </time>
            </Field>
            <Field label={t('clients.fields.lastInteractionAt')}>
              <time dateTime={client.lastInteractionAt}>
                {formatDateTime(client.lastInteractionAt, i18n.language, timezone)}
              </time>
            </Field>
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
          {timeline.data && <ClientTimeline entries={timeline.data} timezone={timezone} />}
        </CardSection>
      </Stack>
      {editing && <ClientEditModal client={client} onClose={() => setEditing(false)} />}
    </>
  );
}
