import { Anchor, Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type {
  FeedbackAction,
  FeedbackActionLink,
  FeedbackActionSort,
} from '../../../common/feedback-actions';
import { OverdueBadge } from '../requests/StatusBadges';
import { DataTable } from '../shared/DataTable';
import { EditAction } from '../shared/RowActions';
import { SortableTh } from '../shared/SortableTh';
import type { SortState } from '../shared/useSort';

// A pale tint keeps every text on the row readable (axe contrast); the badge says it in words too.
const OVERDUE_ROW = {
  backgroundColor: 'var(--mantine-color-red-0)',
  boxShadow: 'inset 4px 0 0 var(--mantine-color-red-8)',
};

const STATUS_COLORS = { planned: 'gray', in_progress: 'blue', done: 'green' } as const;

/** A plain calendar date (no time, no zone) in the console's language. */
export const formatDay = (isoDate: string, locale: string) =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${isoDate}T00:00:00Z`),
  );

export function StatusBadge({ action }: { action: FeedbackAction }) {
  const { t } = useTranslation('console');
  return (
    <Group gap={4}>
      <Badge color={STATUS_COLORS[action.status]} variant="light" tt="none">
        {t(`feedbackActions.statuses.${action.status}`)}
      </Badge>
      {action.overdue && <OverdueBadge />}
    </Group>
  );
}

export function LinkLabel({ link }: { link: FeedbackActionLink }) {
  const { t } = useTranslation('console');
  if (link.kind === 'request') {
    return (
      <Anchor component={Link} to={`/requests/${link.requestId}`} size="sm">
        {t('feedbackActions.links.request', { number: link.number })}
      </Anchor>
    );
  }
  const label =
    link.kind === 'survey_response'
      ? t('feedbackActions.links.response', { survey: link.surveyTitle })
      : t('feedbackActions.links.question', { survey: link.surveyTitle, question: link.question });
  return (
    <Anchor component={Link} to={`/surveys/${link.surveyId}/analytics`} size="sm">
      {label}
    </Anchor>
  );
}

interface FeedbackActionsTableProps {
  actions: FeedbackAction[];
  sort: SortState<FeedbackActionSort>;
  onSort: (column: FeedbackActionSort) => void;
  /** Writers get edit and status buttons on each row. */
  onEdit?: (action: FeedbackAction) => void;
  onStatus?: (action: FeedbackAction) => void;
}

/** The log, one decision a row; an overdue one is tinted and says so in words. */
export function FeedbackActionsTable({ actions, sort, onSort, onEdit, onStatus }: FeedbackActionsTableProps) {
  const { t, i18n } = useTranslation('console');
  const none = t('feedbackActions.none');
  return (
    <DataTable
      minWidth={1000}
      head={
        <>
          <Table.Th>{t('feedbackActions.col.decision')}</Table.Th>
          <Table.Th>{t('feedbackActions.col.owner')}</Table.Th>
          <SortableTh column="dueOn" sort={sort} onSort={onSort}>
            {t('feedbackActions.col.dueOn')}
          </SortableTh>
          <SortableTh column="status" sort={sort} onSort={onSort}>
            {t('feedbackActions.col.status')}
          </SortableTh>
          <Table.Th>{t('feedbackActions.col.links')}</Table.Th>
          <SortableTh column="createdAt" sort={sort} onSort={onSort}>
            {t('feedbackActions.col.createdAt')}
          </SortableTh>
          {onEdit && <Table.Th>{t('feedbackActions.col.actions')}</Table.Th>}
        </>
      }
    >
      {actions.map((action) => (
        <Table.Tr key={action.id} style={action.overdue ? OVERDUE_ROW : undefined}>
          <Table.Td maw={380}>
            <Text size="sm" fw={600}>
              {action.decision}
            </Text>
            <Text size="sm" c="dimmed">
              {t('feedbackActions.foundLabel')}: {action.finding}
            </Text>
            {action.result && (
              <Text size="sm">
                {t('feedbackActions.resultLabel')}: {action.result}
              </Text>
            )}
          </Table.Td>
          <Table.Td>
            <Text size="sm">{action.ownerName ?? none}</Text>
            {action.departmentName && (
              <Text size="sm" c="dimmed">
                {action.departmentName}
              </Text>
            )}
          </Table.Td>
          <Table.Td>
            <time dateTime={action.dueOn}>{formatDay(action.dueOn, i18n.language)}</time>
          </Table.Td>
          <Table.Td>
            <StatusBadge action={action} />
            {action.doneOn && (
              <Text size="xs" c="dimmed">
                {t('feedbackActions.doneOnLabel', { date: formatDay(action.doneOn, i18n.language) })}
              </Text>
            )}
          </Table.Td>
          <Table.Td>
            <Stack gap={2}>
              {action.links.map((link) => (
                <LinkLabel
                  key={link.kind === 'request' ? link.requestId : JSON.stringify(link)}
                  link={link}
                />
              ))}
            </Stack>
          </Table.Td>
          <Table.Td>
            <time dateTime={action.createdAt}>{formatDay(action.createdAt.slice(0, 10), i18n.language)}</time>
          </Table.Td>
          {onEdit && onStatus && (
            <Table.Td>
              <Group gap="xs" wrap="nowrap">
                <EditAction subject={action.decision} onClick={() => onEdit(action)} />
                <Button size="xs" variant="light" onClick={() => onStatus(action)}>
                  {t('feedbackActions.changeStatus')}
                </Button>
              </Group>
            </Table.Td>
          )}
        </Table.Tr>
      ))}
    </DataTable>
  );
}
