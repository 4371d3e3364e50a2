import { Anchor, Button, Group, List, Text } from '@mantine/core';
import { IconClipboardCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { canRecordDecisions } from '../session/access';
import { useSession } from '../session/SessionContext';
import { CardSection } from '../shared/CardSection';
import { QueryStatus } from '../shared/QueryStatus';
import { type DecisionPrefill, FeedbackActionModal } from './FeedbackActionModal';
import { formatDay, StatusBadge } from './FeedbackActionsTable';
import { type LinkedTo, useLinkedFeedbackActions } from './feedbackActionQueries';

/**
 * The decisions that cite a request or a survey, on its own page, with «Зафиксировать решение»
 * filling in the link — so what a complaint led to is seen where the complaint is.
 */
export function LinkedDecisions({ linkedTo, prefill }: { linkedTo: LinkedTo; prefill: DecisionPrefill }) {
  const { t, i18n } = useTranslation('console');
  const session = useSession();
  const [recording, setRecording] = useState(false);
  const decisions = useLinkedFeedbackActions(linkedTo);
  const items = decisions.data?.items ?? [];
  return (
    <CardSection
      title={t('feedbackActions.linked.title')}
      actions={
        canRecordDecisions(session) && (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconClipboardCheck size={16} aria-hidden />}
            onClick={() => setRecording(true)}
          >
            {t('feedbackActions.linked.record')}
          </Button>
        )
      }
    >
      <QueryStatus query={decisions} />
      {decisions.data && items.length === 0 && <Text c="dimmed">{t('feedbackActions.linked.empty')}</Text>}
      {items.length > 0 && (
        <List spacing="xs" listStyleType="none" ml={0} pl={0}>
          {items.map((action) => (
            <List.Item key={action.id}>
              <Group gap="xs" wrap="wrap">
                <Text fw={600}>{action.decision}</Text>
                <StatusBadge action={action} />
              </Group>
              <Text size="sm" c="dimmed">
                {t('feedbackActions.linked.due', {
                  date: formatDay(action.dueOn, i18n.language),
                  owner: action.ownerName ?? t('feedbackActions.none'),
                })}
              </Text>
            </List.Item>
          ))}
        </List>
      )}
      {items.length > 0 && (
        <Text size="sm" mt="xs">
          <Anchor component={Link} to="/feedback-actions">
            {t('feedbackActions.linked.all')}
          </Anchor>
        </Text>
      )}
      {recording && (
        <FeedbackActionModal action={null} prefill={prefill} onClose={() => setRecording(false)} />
      )}
    </CardSection>
  );
}
