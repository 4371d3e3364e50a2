import { Switch } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Topic } from '../../../common/classification';
import { useDepartments } from '../departments/departmentQueries';
import { canEdit } from '../session/access';
import { useSession } from '../session/SessionContext';
import { AddButton } from '../shared/AddButton';
import { describeError } from '../shared/describeError';
import { ListPage } from '../shared/ListPage';
import { useSaveTopic, useTopics } from './classificationQueries';
import { NeedsModal } from './NeedsModal';
import { TopicModal } from './TopicModal';
import { TopicsTable } from './TopicsTable';

type Editing = { topic: Topic | null } | null;

/** The agency's topic taxonomy (seed 003 p. 9.1): topics, their typical needs and default departments. */
export function TopicsPage() {
  const { t } = useTranslation('console');
  const { t: common } = useTranslation();
  const editable = canEdit(useSession(), 'topics');
  const topics = useTopics();
  const departments = useDepartments();
  const save = useSaveTopic();
  const [showArchived, setShowArchived] = useState(false);
  const [editing, setEditing] = useState<Editing>(null);
  const [needsOf, setNeedsOf] = useState<string | null>(null);
  const archivedCount = (topics.data ?? []).filter((topic) => topic.archived).length;
  const shown = { ...topics, data: topics.data?.filter((topic) => showArchived || !topic.archived) };
  const departmentName = (id: string | null) => departments.data?.find((d) => d.id === id)?.name ?? null;

  const toggleArchived = (topic: Topic) =>
    save.mutate(
      { id: topic.id, archived: !topic.archived },
      {
        onSuccess: () =>
          notifications.show({
            color: 'green',
            message: t(topic.archived ? 'classification.restored' : 'classification.archivedNotice', {
              name: topic.name,
            }),
          }),
        onError: (error) => notifications.show({ color: 'red', message: describeError(error, common) }),
      },
    );

  return (
    <ListPage
      title={t('nav.topics')}
      description={t('classification.topicsDescription')}
      actions={
        editable && (
          <AddButton label={t('classification.addTopic')} onClick={() => setEditing({ topic: null })} />
        )
      }
      query={shown as typeof topics}
      emptyTitle={t('classification.emptyTopics')}
      emptyHint={t(archivedCount ? 'classification.emptyArchivedHint' : 'classification.emptyTopicsHint')}
      renderItems={(items) => (
        <TopicsTable
          topics={items}
          editable={editable}
          departmentName={departmentName}
          onEdit={(topic) => setEditing({ topic })}
          onNeeds={(topic) => setNeedsOf(topic.id)}
          onToggleArchived={toggleArchived}
        />
      )}
    >
      {archivedCount > 0 && (
        <Switch
          mt="md"
          label={t('classification.showArchived', { count: archivedCount })}
          checked={showArchived}
          onChange={(event) => setShowArchived(event.currentTarget.checked)}
        />
      )}
      {editing && (
        <TopicModal
          topic={editing.topic}
          departments={departments.data ?? []}
          onClose={() => setEditing(null)}
        />
      )}
      {needsOf && (
        <NeedsModal
          topic={topics.data?.find((topic) => topic.id === needsOf) ?? null}
          editable={editable}
          onClose={() => setNeedsOf(null)}
        />
      )}
    </ListPage>
  );
}
