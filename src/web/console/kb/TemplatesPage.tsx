import { Badge, Button, Group, SegmentedControl, Table, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDepartments } from '../departments/departmentQueries';
import { canEdit } from '../session/access';
import { useSession } from '../session/SessionContext';
import { AddButton } from '../shared/AddButton';
import { DataTable } from '../shared/DataTable';
import { EmptyMessage } from '../shared/EmptyMessage';
import { PageHeader } from '../shared/PageHeader';
import { QueryStatus } from '../shared/QueryStatus';
import { EditAction } from '../shared/RowActions';
import { TemplateModal } from './TemplateModal';
import { type AnswerTemplate, useAnswerTemplates, useSaveTemplate } from './templateQueries';

type Editing = { template: AnswerTemplate | null } | null;

/** «Шаблоны ответов»: the knowledge base's answer templates (seed 001 p. 6.2.6). */
export function TemplatesPage() {
  const { t } = useTranslation('console');
  const editable = canEdit(useSession(), 'templates');
  const [q, setQ] = useState('');
  const [archived, setArchived] = useState(false);
  const templates = useAnswerTemplates({ q, archived });
  const save = useSaveTemplate();
  const departments = useDepartments();
  const departmentName = (id: string | null) =>
    id ? (departments.data?.find((d) => d.id === id)?.name ?? '') : t('answerTemplates.allDepartments');
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
        <DataTable
          minWidth={640}
          head={
            <>
              <Table.Th>{t('answerTemplates.title')}</Table.Th>
              <Table.Th>{t('answerTemplates.variant')}</Table.Th>
              <Table.Th>{t('answerTemplates.department')}</Table.Th>
              {editable && <Table.Th>{t('common:actions.edit')}</Table.Th>}
            </>
          }
        >
          {templates.data.map((template) => (
            <Table.Tr key={template.id}>
              <Table.Td>
                {template.title}{' '}
                {template.starter && (
                  <Badge variant="light" color="gray" size="sm">
                    {t('answerTemplates.starter')}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>{t(`answerTemplates.variants.${template.variant}`)}</Table.Td>
              <Table.Td>{departmentName(template.departmentId)}</Table.Td>
              {editable && (
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <EditAction
                      subject={template.title}
                      label={t('answerTemplates.edit')}
                      tooltip
                      onClick={() => setEditing({ template })}
                    />
                    <Button
                      variant="subtle"
                      size="xs"
                      loading={save.isPending && save.variables?.id === template.id}
                      aria-label={`${t(template.active ? 'answerTemplates.archive' : 'answerTemplates.restore')}: ${template.title}`}
                      onClick={() => save.mutate({ id: template.id, active: !template.active })}
                    >
                      {t(template.active ? 'answerTemplates.archive' : 'answerTemplates.restore')}
                    </Button>
                  </Group>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </DataTable>
      )}
      {editing && <TemplateModal template={editing.template} onClose={() => setEditing(null)} />}
    </>
  );
}
