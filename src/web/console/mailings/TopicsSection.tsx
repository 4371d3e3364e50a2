import { Switch, Table, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MailingTopic } from '../../../common/mailings';
import { validateRequired } from '../auth/validation';
import { AddButton } from '../shared/AddButton';
import { DataTable } from '../shared/DataTable';
import { FormModal } from '../shared/FormModal';
import { collectErrors } from '../shared/fieldErrors';
import { QueryStatus } from '../shared/QueryStatus';
import { EditAction } from '../shared/RowActions';
import { useSaveForm } from '../shared/useSaveForm';
import { useMailingTopics, useSaveTopic } from './mailingQueries';

function TopicModal({ topic, onClose }: { topic: MailingTopic | null; onClose: () => void }) {
  const { t } = useTranslation('console');
  const form = useSaveForm({ mutation: useSaveTopic(), fields: ['title', 'description'], onSaved: onClose });
  const [title, setTitle] = useState(topic?.title ?? '');
  const [description, setDescription] = useState(topic?.description ?? '');
  const [archived, setArchived] = useState(topic?.archived ?? false);
  return (
    <FormModal
      title={t(topic ? 'mailings.topics.edit' : 'mailings.topics.add')}
      onClose={onClose}
      onSubmit={() =>
        form.submit(collectErrors({ title: validateRequired(title, t) }), {
          id: topic?.id,
          title: title.trim(),
          description: description.trim(),
          ...(topic ? { archived } : {}),
        })
      }
      formError={form.formError}
      pending={form.pending}
    >
      <TextInput
        label={t('mailings.topics.title')}
        required
        maxLength={200}
        value={title}
        error={form.errors.title}
        onChange={(event) => {
          form.clear('title');
          setTitle(event.currentTarget.value);
        }}
        data-autofocus
      />
      <Textarea
        label={t('mailings.topics.description')}
        maxLength={1000}
        autosize
        minRows={2}
        value={description}
        error={form.errors.description}
        onChange={(event) => setDescription(event.currentTarget.value)}
      />
      {topic && (
        <Switch
          label={t('mailings.topics.archived')}
          description={t('mailings.topics.archivedHint')}
          checked={archived}
          onChange={(event) => setArchived(event.currentTarget.checked)}
        />
      )}
    </FormModal>
  );
}

/** The topics citizens choose on the subscription page; archived ones are hidden there. */
export function TopicsSection() {
  const { t } = useTranslation('console');
  const topics = useMailingTopics();
  const [editing, setEditing] = useState<{ topic: MailingTopic | null } | null>(null);
  return (
    <>
      <QueryStatus query={topics} rows={3} />
      <AddButton label={t('mailings.topics.add')} onClick={() => setEditing({ topic: null })} />
      {topics.data && (
        <DataTable
          minWidth={480}
          head={
            <>
              <Table.Th>{t('mailings.topics.title')}</Table.Th>
              <Table.Th>{t('mailings.topics.description')}</Table.Th>
              <Table.Th>{t('mailings.topics.state')}</Table.Th>
              <Table.Th>{t('common:actions.edit')}</Table.Th>
            </>
          }
        >
          {topics.data.map((topic) => (
            <Table.Tr key={topic.id}>
              <Table.Td>{topic.title}</Table.Td>
              <Table.Td>{topic.description}</Table.Td>
              <Table.Td>{t(topic.archived ? 'mailings.topics.archived' : 'mailings.topics.live')}</Table.Td>
              <Table.Td>
                <EditAction subject={topic.title} onClick={() => setEditing({ topic })} />
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      )}
      {editing && <TopicModal topic={editing.topic} onClose={() => setEditing(null)} />}
    </>
  );
}
