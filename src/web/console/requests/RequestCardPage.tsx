import { Anchor, Badge, Button, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ClassificationPanel } from '../classification/ClassificationPanel';
import { LinkedDecisions } from '../feedback-actions/LinkedDecisions';
import { canActOnRequests } from '../session/access';
import { useSession } from '../session/SessionContext';
import { formatDate, formatDateTime, useAgencyTimezone } from '../shared/agencyTime';
import { CardSection } from '../shared/CardSection';
import { DetailField, DetailPage } from '../shared/DetailPage';
import { PageHeader } from '../shared/PageHeader';
import { ActionModal } from './ActionModal';
import { AttachmentList } from './AttachmentList';
import { RequestTimeline } from './RequestTimeline';
import { useRequest } from './requestQueries';
import { allowedActions, type RequestAction, type RequestDetail } from './requestTypes';
import { OverdueBadge, StatusBadge } from './StatusBadges';

export function RequestCardPage() {
  const { t } = useTranslation('console');
  const { id = '' } = useParams();
  const request = useRequest(id);
  return (
    <DetailPage
      query={request}
      back={{ to: '/requests', label: t('requests.back') }}
      title={t('nav.requests')}
      notFoundTitle={t('requests.card.notFound')}
    >
      {(data) => <RequestCard request={data} />}
    </DetailPage>
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
        <CardSection title={t('requests.card.law')}>
          <Stack gap="xs" component="dl" m={0}>
            <DetailField label={t('requests.card.received')}>
              <time dateTime={request.receivedAt}>{dateTime(request.receivedAt)}</time>
            </DetailField>
            <DetailField label={t('requests.card.registered')}>
              {request.registeredAt ? (
                <time dateTime={request.registeredAt}>{dateTime(request.registeredAt)}</time>
              ) : (
                t('common:state.notSet')
              )}
            </DetailField>
            <DetailField label={t('requests.card.due')}>
              <time dateTime={request.dueAt}>{date(request.dueAt)}</time>
            </DetailField>
            <DetailField label={t('requests.card.dueSource')}>{request.dueSource}</DetailField>
            {request.extendedAt && (
              <DetailField label={t('requests.card.extendedAt')}>
                <time dateTime={request.extendedAt}>{dateTime(request.extendedAt)}</time>
              </DetailField>
            )}
            {request.externalCategory && (
              <DetailField label={t('requests.card.externalCategory')}>
                {[request.externalCategory.category, request.externalCategory.subcategory]
                  .filter(Boolean)
                  .join(' / ')}
              </DetailField>
            )}
            {request.externalSource?.documentNumber && (
              <DetailField label={t('requests.card.externalDocument')}>
                {[request.externalSource.organisation, `№ ${request.externalSource.documentNumber}`]
                  .filter(Boolean)
                  .join(', ')}
              </DetailField>
            )}
          </Stack>
        </CardSection>
        <CardSection title={t('requests.card.contacts')}>
          <Stack gap="xs" component="dl" m={0}>
            <DetailField label={t('requests.card.name')}>{request.contactName}</DetailField>
            <DetailField label={t('requests.card.email')}>
              {request.contactEmail ? (
                <Anchor href={`mailto:${request.contactEmail}`}>{request.contactEmail}</Anchor>
              ) : (
                t('common:state.notSet')
              )}
            </DetailField>
            <DetailField label={t('requests.card.phone')}>
              {request.contactPhone ? (
                <Anchor href={`tel:${request.contactPhone.replace(/[^\d+]/g, '')}`}>
                  {request.contactPhone}
                </Anchor>
              ) : (
                t('common:state.notSet')
              )}
            </DetailField>
            <DetailField label={t('requests.card.notify')}>
              {t(request.notifyByEmail ? 'common:state.yes' : 'common:state.no')}
            </DetailField>
          </Stack>
          {/* Outside the <dl>: it may hold only term groups (axe definition-list). */}
          {request.clientId && (
            <Anchor component={Link} to={`/clients/${request.clientId}`} fw={600} mt="xs" display="block">
              {t('clients.card.fromRequest')}
            </Anchor>
          )}
        </CardSection>
      </SimpleGrid>

      <Stack gap="md" mt="md">
        <CardSection title={t('requests.card.text')}>
          {/* Plain text on purpose: the citizen's text may contain markup or script. */}
          <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{request.text}</Text>
        </CardSection>

        <CardSection title={t('attachments.incoming')}>
          <AttachmentList
            requestId={request.id}
            files={request.attachments.filter((file) => file.kind === 'incoming')}
            emptyText={t('attachments.noIncoming')}
          />
        </CardSection>

        <CardSection title={t('classification.title')}>
          {/* Keyed by the saved classification (and the department an assignment sets), so the form
              restarts from what the server stored. */}
          <ClassificationPanel
            key={`${request.classifiedAt}-${request.dueAt}-${request.departmentId}`}
            request={request}
            editable={canActOnRequests(session)}
          />
        </CardSection>

        {hasOutcome && (
          <CardSection title={t('requests.card.outcome')}>
            <Stack gap="xs" component="dl" m={0}>
              {request.answerForm && (
                <DetailField label={t('requests.card.answerForm')}>
                  {t(`common:answerForms.${request.answerForm}`)}
                </DetailField>
              )}
              {request.groundCode && (
                <DetailField label={t('requests.card.groundCode')}>{request.groundCode}</DetailField>
              )}
              {request.redirectAddressee && (
                <DetailField label={t('requests.card.redirectAddressee')}>
                  {request.redirectAddressee}
                </DetailField>
              )}
              {request.resolvedAt && (
                <DetailField label={t('requests.card.resolvedAt')}>
                  <time dateTime={request.resolvedAt}>{dateTime(request.resolvedAt)}</time>
                </DetailField>
              )}
              {request.answerText && (
                <DetailField label={t('requests.card.answerText')}>
                  <span style={{ whiteSpace: 'pre-wrap' }}>{request.answerText}</span>
                </DetailField>
              )}
              {request.attachments.some((file) => file.kind === 'answer') && (
                <DetailField label={t('attachments.answerFiles')}>
                  <AttachmentList
                    requestId={request.id}
                    files={request.attachments.filter((file) => file.kind === 'answer')}
                    emptyText=""
                  />
                </DetailField>
              )}
            </Stack>
          </CardSection>
        )}

        <LinkedDecisions
          linkedTo={{ requestId: request.id }}
          prefill={{ requestNumbers: [request.number] }}
        />

        <CardSection title={t('requests.card.events')}>
          <RequestTimeline events={request.events} timezone={timezone} />
        </CardSection>
      </Stack>

      {action && <ActionModal request={request} action={action} onClose={() => setAction(null)} />}
    </>
  );
}
