import { Alert, Anchor, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useAgencyTimezone } from '../shared/agencyTime';
import { DetailPage } from '../shared/DetailPage';
import { PageHeader } from '../shared/PageHeader';
import { CardConduct } from './CardConduct';
import { CardPreparation } from './CardPreparation';
import { formatCardDate, formatCardDateTime } from './cardFormat';
import { type ReceptionCard, useReceptionCard } from './cardQueries';

function Step({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Title order={2} size="h4" mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

/** How the reception ended, on a closed card. */
function Outcome({ card, timeZone }: { card: ReceptionCard; timeZone: string | undefined }) {
  const { t } = useTranslation('console');
  if (!card.outcome) return null;
  return (
    <Stack gap="xs">
      <Text fw={500}>{t(`reception.card.outcomes.${card.outcome}`)}</Text>
      {card.closedAt && (
        <Text size="sm" c="dimmed">
          {t('reception.card.closedAt', { when: formatCardDateTime(card.closedAt, timeZone) })}
        </Text>
      )}
      {card.officialIntroduced && <Text size="sm">{t('reception.card.introduced')}</Text>}
      <Text size="sm">
        {t('reception.card.appliedBefore')}{' '}
        {card.appliedBefore
          ? `${t('reception.card.yes')}: ${card.appliedBeforeDetails}`
          : t('reception.card.no')}
      </Text>
      {card.outcome === 'oral' && (
        <>
          <Text size="sm">{t('reception.card.oralConsentGiven')}</Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {card.answerText}
          </Text>
        </>
      )}
      {card.outcome === 'outside_competence' && (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {card.redirectNote}
        </Text>
      )}
      {card.request && (
        <Alert color="blue" title={t('reception.card.appealRegistered')}>
          <Group gap="xs">
            <Anchor component={Link} to={`/requests/${card.request.id}`} c="blue.9" fw={600}>
              {t('reception.card.appealNumber', { number: card.request.number })}
            </Anchor>
            <Text size="sm">
              {t('reception.card.appealDue', { date: formatCardDate(card.request.dueAt, timeZone) })}
            </Text>
          </Group>
        </Alert>
      )}
    </Stack>
  );
}

/** The card of one personal reception (seed 003 p. 35.2–35.3), opened from the week schedule. */
export function ReceptionCardPage() {
  const { t } = useTranslation('console');
  const { id = '' } = useParams();
  const timeZone = useAgencyTimezone();
  const card = useReceptionCard(id);
  return (
    <DetailPage
      query={card}
      back={{ to: '/reception', label: t('reception.card.back') }}
      title={t('reception.card.heading')}
      notFoundTitle={t('reception.card.notFound')}
    >
      {(data) => (
        <Stack>
          <PageHeader title={t('reception.card.title', { name: data.name })} />
          <Group gap="xs">
            <Badge
              color={data.closed ? 'gray' : 'blue'}
              variant="light"
              c={data.closed ? 'gray.9' : 'blue.9'}
            >
              {t(data.closed ? 'reception.card.closed' : 'reception.card.open')}
            </Badge>
            <Text size="sm">
              {formatCardDateTime(data.slot.startsAt, timeZone)} · {data.official.name},{' '}
              {data.official.position}
              {data.room ? ` · ${data.room.name}` : ''}
            </Text>
            {data.clientId && (
              <Anchor component={Link} to={`/clients/${data.clientId}`} size="sm">
                {t('calls.clientCard')}
              </Anchor>
            )}
          </Group>
          <Step title={t('reception.card.step1')}>
            <CardPreparation key={`${data.id}-${data.closed}`} card={data} timeZone={timeZone} />
          </Step>
          <Step title={t('reception.card.step2')}>
            {data.closed ? (
              <Outcome card={data} timeZone={timeZone} />
            ) : data.canConduct ? (
              <CardConduct card={data} />
            ) : (
              <Alert color="gray">{t('reception.card.onlyOfficial', { name: data.official.name })}</Alert>
            )}
          </Step>
        </Stack>
      )}
    </DetailPage>
  );
}
