import { Group, SegmentedControl, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canEdit } from '../session/access';
import { useSession } from '../session/SessionContext';
import { AddButton } from '../shared/AddButton';
import { EmptyMessage } from '../shared/EmptyMessage';
import { PageHeader } from '../shared/PageHeader';
import { QueryStatus } from '../shared/QueryStatus';
import { TemplateModal } from './TemplateModal';
import { TemplatesTable } from './TemplatesTable';
import { type AnswerTemplate, useAnswerTemplates } from './templateQueries';

type Editing = { template: AnswerTemplate | null } | null;

/** «Шаблоны ответов»: the knowledge base's answer templates (seed 001 p. 6.2.6). */
export function TemplatesPage() {
  const { t } = useTranslation('console');
  const editable = canEdit(useSession(), 'templates');
  const [q, setQ] = useState('');
  const [archived, setArchived] = useState(false);
  const templates = useAnswerTemplates({ q, archived });
  const [editing, setEditing] = useState<Editing>(null);
  const filtered = q.trim() !== '';

  return (
    <>
      <PageHeader
        title={t('nav.templates')}
        description={t('answerTemplates.description')}
        actions={
          editable && (
            <AddButton label={t('answerTemplates.add')} onClick={() => setEditing({ template: null })} />
          )
        }
      />
      <Group mb="md" align="flex-end" wrap="wrap">
        <TextInput
          label={t('answerTemplates.search')}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={q}
          onChange={(event) => setQ(event.currentTarget.value)}
          maxLength={200}
          w={320}
        />
        <SegmentedControl
          aria-label={t('answerTemplates.show')}
          value={archived ? 'archived' : 'active'}
          onChange={(value) => setArchived(value === 'archived')}
          data={[
            { value: 'active', label: t('answerTemplates.active') },
            { value: 'archived', label: t('answerTemplates.archived') },
          ]}
        />
      </Group>
      <QueryStatus query={templates} />
      {templates.data?.length === 0 && (
        <EmptyMessage
          title={t(filtered ? 'answerTemplates.noMatches' : 'answerTemplates.empty')}
          description={filtered ? undefined : t('answerTemplates.emptyHint')}
        />
      )}
      {templates.data && templates.data.length > 0 && (
        <TemplatesTable
          templates={templates.data}
          editable={editable}
          onEdit={(template) => setEditing({ template })}
        />
      )}
      {editing && <TemplateModal template={editing.template} onClose={() => setEditing(null)} />}
    </>
  );
}
