import { Badge, Button, Group, Table } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useDepartments } from '../departments/departmentQueries';
import { DataTable } from '../shared/DataTable';
import { EditAction } from '../shared/RowActions';
import { type AnswerTemplate, useSaveTemplate } from './templateQueries';

interface TemplatesTableProps {
  templates: AnswerTemplate[];
  editable: boolean;
  onEdit: (template: AnswerTemplate) => void;
}

/** Templates with their kind and department; editors edit, archive and restore them from the row. */
export function TemplatesTable(props: TemplatesTableProps) {
  const { t } = useTranslation('console');
  const save = useSaveTemplate();
  const departments = useDepartments();
  const departmentName = (id: string | null) =>
    id ? (departments.data?.find((d) => d.id === id)?.name ?? '') : t('answerTemplates.allDepartments');
  return (
    <DataTable
      minWidth={640}
      head={
        <>
          <Table.Th>{t('answerTemplates.title')}</Table.Th>
          <Table.Th>{t('answerTemplates.variant')}</Table.Th>
          <Table.Th>{t('answerTemplates.department')}</Table.Th>
          {props.editable && <Table.Th>{t('common:actions.edit')}</Table.Th>}
        </>
      }
    >
      {props.templates.map((template) => (
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
          {props.editable && (
            <Table.Td>
              <Group gap="xs" wrap="nowrap">
                <EditAction
                  subject={template.title}
                  label={t('answerTemplates.edit')}
                  tooltip
                  onClick={() => props.onEdit(template)}
                />
                <Button
                  variant="subtle"
                  size="xs"
                  loading={save.isPending && save.variables?.id === template.id}
                  aria-label={`${t(template.active ? 'answerTemplates.archive' : 'answerTemplates.restore')}: ${template.title}`}
                  onClick={() =>
                    save.mutate(
                      { id: template.id, active: !template.active },
                      { onError: (error) => notifications.show({ color: 'red', message: error.message }) },
                    )
                  }
                >
                  {t(template.active ? 'answerTemplates.archive' : 'answerTemplates.restore')}
                </Button>
              </Group>
            </Table.Td>
          )}
        </Table.Tr>
      ))}
    </DataTable>
  );
}
