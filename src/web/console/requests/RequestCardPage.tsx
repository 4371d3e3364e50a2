import { Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../ui/api';
import { ClassificationPanel } from '../classification/ClassificationPanel';
import { canActOnRequests } from '../session/access';
import { useSession } from '../session/SessionContext';
import { EmptyMessage } from '../shared/EmptyMessage';
import { PageHeader } from '../shared/PageHeader';
import { QueryStatus } from '../shared/QueryStatus';
import { ActionModal } from './ActionModal';
import { AttachmentList } from './AttachmentList';
import { formatDate, formatDateTime, useAgencyTimezone } from './formats';
import { RequestTimeline } from './RequestTimeline';
import { useRequest } from './requestQueries';
import { allowedActions, type RequestAction, type RequestDetail } from './requestTypes';
import { OverdueBadge, StatusBadge } from './StatusBadges';

export function RequestCardPage() {
  const { t } = useTranslation('console');
  const { id = '' } = useParams();
  const request = useRequest(id);
  const notFound = request.error instanceof ApiError && request.error.status === 404;

  return (
    <>
      <Anchor component={Link} to="/requests" size="sm" mb="sm" display="inline-flex">
        <Group gap={4} component="span">
          <IconArrowLeft size={14} aria-hidden />
          {t('requests.back')}
        </Group>
      </Anchor>
      {notFound ? (
        <>
          <PageHeader title={t('requests.card.notFound')} />
          <EmptyMessage title={t('requests.card.notFound')} />
        </>
      ) : (
        <>
          {!request.data && <PageHeader title={t('nav.requests')} />}
          <QueryStatus query={request} rows={6} />
          {request.data && <RequestCard request={request.data} />}
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

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={title}>
      <Title order={2} size="h4" mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function RequestCard({ request }: { request: RequestDetail }) {
  const { t, i18n } = useTranslation('console');
  const session = useSession();
  const timezone = useAgencyTimezone();
  const [action, setAction] = useState<RequestAction | null>(null);
  const actions = canActOnRequests(session) ? allowedActions(request) : [];
  const date = (iso: string) => formatDate(iso, i18n.language, timezone);
  const dateTime = (iso: string) => formatDateTime(iso, i18n.language, timezone);
  const hasOutcome = Boolean(request.answerText || request.groundCode || request.redirectAddressee);

  return (
    <>
      <PageHeader
        title={t('requests.card.title', { number: request.number })}
        description={`${t(`common:requestKinds.${request.kind}`, { defaultValue: request.kind })} · ${request.law}`}
      />
      <Group gap="xs" mb="md">
        <StatusBadge status={request.status} />
        {request.overdue && <OverdueBadge />}
        {request.urgent && (
          <Badge color="orange" c="black">
            {t('classification.urgentBadge')}
          </Badge>
        )}
      </Group>

      {actions.length > 0 && (
        <Group gap="sm" mb="lg" role="group" aria-label={t('requests.card.actions')}>
          {actions.map((name) => (
            <Button
              key={name}
              variant={name === 'answer' ? 'filled' : 'light'}
              color={name === 'refuse' || name === 'leaveWithoutAnswer' ? 'red' : undefined}
              onClick={() => setAction(name)}
            >
              {t(`requests.actions.${name}`)}
            </Button>
          ))}
        </Group>
      )}

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Section title={t('requests.card.law')}>
          <Stack gap="xs" component="dl" m={0}>
            <Field label={t('requests.card.received')}>
              <time dateTime={request.receivedAt}>{dateTime(request.receivedAt)}</time>
            </Field>
            <Field label={t('requests.card.registered')}>
              {request.registeredAt ? (
                <time dateTime={request.registeredAt}>{dateTime(request.registeredAt)}</time>
              ) : (
                t('common:state.notSet')
              )}
            </Field>
            <Field label={t('requests.card.due')}>
              <time dateTime={request.dueAt}>{date(request.dueAt)}</time>
            </Field>
            <Field label={t('requests.card.dueSource')}>{request.dueSource}</Field>
            {request.extendedAt && (
              <Field label={t('requests.card.extendedAt')}>
                <time dateTime={request.extendedAt}>{dateTime(request.extendedAt)}</time>
              </Field>
            )}
          </Stack>
        </Section>
        <Section title={t('requests.card.contacts')}>
          <Stack gap="xs" component="dl" m={0}>
            <Field label={t('requests.card.name')}>{request.contactName}</Field>
            <Field label={t('requests.card.email')}>
              {request.contactEmail ? (
                <Anchor href={`mailto:${request.contactEmail}`}>{request.contactEmail}</Anchor>
              ) : (
                t('common:state.notSet')
              )}
            </Field>
            <Field label={t('requests.card.phone')}>
              {request.contactPhone ? (
                <Anchor href={`tel:${request.contactPhone.replace(/[^\d+]/g, '')}`}>
                  {request.contactPhone}
                </Anchor>
              ) : (
                t('common:state.notSet')
              )}
            </Field>
            <Field label={t('requests.card.notify')}>
              {t(request.notifyByEmail ? 'common:state.yes' : 'common:state.no')}
            </Field>
          </Stack>
          {/* Outside the <dl>: it may hold only term groups (axe definition-list). */}
          {request.clientId && (
            <Anchor component={Link} to={`/clients/${request.clientId}`} fw={600} mt="xs" display="block">
              {t('clients.card.fromRequest')}
            </Anchor>
          )}
        </Section>
      </SimpleGrid>

      <Stack gap="md" mt="md">
        <Section title={t('requests.card.text')}>
          {/* Plain text on purpose: the citizen's text may contain markup or script. */}
          <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{request.text}</Text>
        </Section>

        <Section title={t('attachments.incoming')}>
          <AttachmentList
            requestId={request.id}
            files={request.attachments.filter((file) => file.kind === 'incoming')}
            emptyText={t('attachments.noIncoming')}
          />
        </Section>

        <Section title={t('classification.title')}>
          {/* Keyed by the saved classification (and the department an assignment sets), so the form
              restarts from what the server stored. */}
          <ClassificationPanel
            key={`${request.classifiedAt}-${request.dueAt}-${request.departmentId}`}
            request={request}
            editable={canActOnRequests(session)}
          />
        </Section>

        {hasOutcome && (
          <Section title={t('requests.card.outcome')}>
            <Stack gap="xs" component="dl" m={0}>
              {request.answerForm && (
                <Field label={t('requests.card.answerForm')}>
                  {t(`common:answerForms.${request.answerForm}`)}
                </Field>
              )}
              {request.groundCode && (
                <Field label={t('requests.card.groundCode')}>{request.groundCode}</Field>
              )}
              {request.redirectAddressee && (
                <Field label={t('requests.card.redirectAddressee')}>{request.redirectAddressee}</Field>
              )}
              {request.resolvedAt && (
                <Field label={t('requests.card.resolvedAt')}>
                  <time dateTime={request.resolvedAt}>{dateTime(request.resolvedAt)}</time>
                </Field>
              )}
              {request.answerText && (
                <Field label={t('requests.card.answerText')}>
                  <span style={{ whiteSpace: 'pre-wrap' }}>{request.answerText}</span>
                </Field>
              )}
              {request.attachments.some((file) => file.kind === 'answer') && (
                <Field label={t('attachments.answerFiles')}>
                  <AttachmentList
                    requestId={request.id}
                    files={request.attachments.filter((file) => file.kind === 'answer')}
                    emptyText=""
                  />
                </Field>
              )}
            </Stack>
          </Section>
        )}

        <Section title={t('requests.card.events')}>
          <RequestTimeline events={request.events} timezone={timezone} />
        </Section>
      </Stack>

      {action && <ActionModal request={request} action={action} onClose={() => setAction(null)} />}
    </>
  );
}
