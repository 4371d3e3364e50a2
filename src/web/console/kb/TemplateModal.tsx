import { Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { validateRequired } from '../auth/validation';
import { useDepartments } from '../departments/departmentQueries';
import { FormModal } from '../shared/FormModal';
import { collectErrors } from '../shared/fieldErrors';
import { useSaveForm } from '../shared/useSaveForm';
import { type AnswerTemplate, type AnswerVariant, PLACEHOLDERS, useSaveTemplate } from './templateQueries';

interface TemplateModalProps {
  /** null = a new template */
  template: AnswerTemplate | null;
  onClose: () => void;
}

const FIELDS = ['title', 'body', 'variant', 'departmentId'] as const;

export function TemplateModal({ template, onClose }: TemplateModalProps) {
  const { t } = useTranslation('console');
  const save = useSaveTemplate();
  const departments = useDepartments();
  const form = useSaveForm({ mutation: save, fields: FIELDS, onSaved: onClose });
  const [title, setTitle] = useState(template?.title ?? '');
  const [body, setBody] = useState(template?.body ?? '');
  const [variant, setVariant] = useState<AnswerVariant>(template?.variant ?? 'letter');
  const [departmentId, setDepartmentId] = useState<string | null>(template?.departmentId ?? null);

  const onSubmit = () =>
    form.submit(collectErrors({ title: validateRequired(title, t), body: validateRequired(body, t) }), {
      id: template?.id,
      title: title.trim(),
      body,
      variant,
      departmentId,
    });

  return (
    <FormModal
      title={t(template ? 'answerTemplates.edit' : 'answerTemplates.add')}
      size="lg"
      onClose={onClose}
      onSubmit={onSubmit}
      formError={form.formError}
      pending={form.pending}
    >
      <Stack>
        <TextInput
          label={t('answerTemplates.title')}
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
        <Select
          label={t('answerTemplates.variant')}
          data={(['letter', 'short'] as const).map((value) => ({
            value,
            label: t(`answerTemplates.variants.${value}`),
          }))}
          value={variant}
          onChange={(value) => setVariant((value as AnswerVariant | null) ?? 'letter')}
          error={form.errors.variant}
          allowDeselect={false}
        />
        <Select
          label={t('answerTemplates.department')}
          placeholder={t('answerTemplates.allDepartments')}
          data={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
          value={departmentId}
          onChange={setDepartmentId}
          error={form.errors.departmentId}
          clearable
        />
        <Textarea
          label={t('answerTemplates.body')}
          description={t('answerTemplates.placeholdersHint', {
            list: PLACEHOLDERS.map((name) => `{{${name}}}`).join(', '),
          })}
          required
          autosize
          minRows={8}
          maxLength={20_000}
          value={body}
          error={form.errors.body}
          onChange={(event) => {
            form.clear('body');
            setBody(event.currentTarget.value);
          }}
        />
        {template?.starter && (
          <Text size="sm" c="dimmed">
            {t('answerTemplates.starterHint')}
          </Text>
        )}
      </Stack>
    </FormModal>
  );
}
