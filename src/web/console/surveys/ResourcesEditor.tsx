import { ActionIcon, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SurveyRow } from '../../../common/surveys';
import { ErrorAlert } from '../shared/ErrorAlert';
import { useSaveResources } from './surveyQueries';

/**
 * Seed 001: «перечень источников информации уточняется ведомством». Saving makes a new version of
 * the form; answers already given stay with the list they were given to.
 */
export function ResourcesEditor(props: { surveyId: string; resources: SurveyRow[]; editable: boolean }) {
  const { t } = useTranslation('console');
  const [rows, setRows] = useState<{ id?: string; label: string }[]>(props.resources);
  const save = useSaveResources(props.surveyId);
  const setLabel = (index: number, label: string) =>
    setRows((current) => current.map((row, i) => (i === index ? { ...row, label } : row)));
  return (
    <Stack gap="sm" maw="40rem">
      <Text>{t('surveys.resources.description')}</Text>
      {rows.map((row, index) => (
        <Group key={row.id ?? `new-${index}`} gap="xs" wrap="nowrap">
          <TextInput
            style={{ flex: 1 }}
            label={t('surveys.resources.label', { number: index + 1 })}
            value={row.label}
            maxLength={500}
            readOnly={!props.editable}
            onChange={(event) => setLabel(index, event.currentTarget.value)}
          />
          {props.editable && (
            <ActionIcon
              mt="lg"
              variant="subtle"
              color="red"
              aria-label={t('surveys.resources.remove', { label: row.label })}
              onClick={() => setRows((current) => current.filter((_, i) => i !== index))}
            >
              <IconTrash size={18} aria-hidden />
            </ActionIcon>
          )}
        </Group>
      ))}
      {props.editable && (
        <Group>
          <Button
            variant="light"
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => setRows((current) => [...current, { label: '' }])}
          >
            {t('surveys.resources.add')}
          </Button>
          <Button
            loading={save.isPending}
            onClick={() => save.mutate(rows.filter((row) => row.label.trim()))}
          >
            {t('surveys.resources.save')}
          </Button>
        </Group>
      )}
      {save.isError && <ErrorAlert error={save.error} title={t('surveys.saveFailed')} />}
      {save.isSuccess && (
        <Text role="status">{t('surveys.resources.saved', { number: save.data.number })}</Text>
      )}
    </Stack>
  );
}
