import { Badge, Button, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Topic } from '../../../common/classification';
import { DataTable } from '../shared/DataTable';
import { EditAction } from '../shared/RowActions';

interface TopicsTableProps {
  topics: Topic[];
  editable: boolean;
  departmentName: (id: string | null) => string | null;
  onEdit: (topic: Topic) => void;
  onNeeds: (topic: Topic) => void;
  onToggleArchived: (topic: Topic) => void;
}

/** Topics in the order operators see them in the classification list. */
export function TopicsTable({
  topics,
  editable,
  departmentName,
  onEdit,
  onNeeds,
  onToggleArchived,
}: TopicsTableProps) {
  const { t } = useTranslation('console');
  const head = (
    <>
      <Table.Th>{t('classification.topicName')}</Table.Th>
      <Table.Th>{t('classification.defaultDepartment')}</Table.Th>
      <Table.Th>{t('classification.needs')}</Table.Th>
      <Table.Th>{t('classification.order')}</Table.Th>
      {editable && <Table.Th>{t('common:actions.edit')}</Table.Th>}
    </>
  );
  return (
    <DataTable minWidth={720} head={head}>
      {topics.map((topic) => {
        const active = topic.needs.filter((need) => !need.archived);
        return (
          <Table.Tr key={topic.id}>
            <Table.Td>
              <Group gap="xs">
                <Text>{topic.name}</Text>
                {topic.archived && <Badge color="gray">{t('classification.archived')}</Badge>}
              </Group>
            </Table.Td>
            <Table.Td>{departmentName(topic.defaultDepartmentId) ?? t('common:state.notSet')}</Table.Td>
            <Table.Td>
              <Button
                variant="subtle"
                size="compact-sm"
                aria-label={`${t('classification.needs')}: ${topic.name}`}
                onClick={() => onNeeds(topic)}
              >
                {t('classification.needsCount', { count: active.length })}
              </Button>
            </Table.Td>
            <Table.Td>{topic.sortOrder}</Table.Td>
            {editable && (
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  <EditAction
                    subject={topic.name}
                    label={t('classification.editTopic')}
                    tooltip
                    onClick={() => onEdit(topic)}
                  />
                  <Button
                    variant="subtle"
                    size="compact-sm"
                    aria-label={`${t(topic.archived ? 'classification.restore' : 'classification.archive')}: ${topic.name}`}
                    onClick={() => onToggleArchived(topic)}
                  >
                    {t(topic.archived ? 'classification.restore' : 'classification.archive')}
                  </Button>
                </Group>
              </Table.Td>
            )}
          </Table.Tr>
        );
      })}
    </DataTable>
  );
}
