import { NumberInput, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_REVIEW_INTERVAL_DAYS, MAX_REVIEW_INTERVAL_DAYS } from '../../../common/kb';
import { validateRequired } from '../auth/validation';
import { useDepartments } from '../departments/departmentQueries';
import { FormModal } from '../shared/FormModal';
import { collectErrors } from '../shared/fieldErrors';
import { useSaveForm } from '../shared/useSaveForm';
import { type KbSection, useSaveSection } from './kbQueries';

const FIELDS = ['title', 'description', 'departmentId', 'reviewIntervalDays'] as const;

/** A section: its title, the department that fills it (seed 003 p. 39) and how often it is checked (p. 41). */
export function SectionModal({ section, onClose }: { section: KbSection | null; onClose: () => void }) {
  const { t } = useTranslation('console');
  const save = useSaveSection();
  const departments = useDepartments();
  const form = useSaveForm({ mutation: save, fields: FIELDS, onSaved: onClose });
  const [title, setTitle] = useState(section?.title ?? '');
  const [description, setDescription] = useState(section?.description ?? '');
  const [departmentId, setDepartmentId] = useState<string | null>(section?.departmentId ?? null);
  const [interval, setInterval] = useState<number | string>(
    section?.reviewIntervalDays ?? DEFAULT_REVIEW_INTERVAL_DAYS,
  );

  const onSubmit = () =>
    form.submit(collectErrors({ title: validateRequired(title, t) }), {
      id: section?.id,
      title: title.trim(),
      description,
      departmentId,
      reviewIntervalDays: Number(interval),
    });

  return (
    <FormModal
      title={t(section ? 'kb.sections.edit' : 'kb.sections.add')}
      onClose={onClose}
      onSubmit={onSubmit}
      formError={form.formError}
      pending={form.pending}
    >
      <Stack>
        <TextInput
          label={t('kb.sections.name')}
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
          label={t('kb.sections.owner')}
          description={t('kb.sections.ownerHint')}
          placeholder={t('kb.sections.noOwner')}
          data={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
          value={departmentId}
          onChange={setDepartmentId}
          error={form.errors.departmentId}
          clearable
        />
        <NumberInput
          label={t('kb.sections.interval')}
          description={t('kb.sections.intervalHint', { max: MAX_REVIEW_INTERVAL_DAYS })}
          min={1}
          max={MAX_REVIEW_INTERVAL_DAYS}
          allowDecimal={false}
          value={interval}
          onChange={setInterval}
          error={form.errors.reviewIntervalDays}
          required
        />
        <Textarea
          label={t('kb.sections.description')}
          autosize
          minRows={2}
          maxLength={2000}
          value={description}
          error={form.errors.description}
          onChange={(event) => setDescription(event.currentTarget.value)}
        />
      </Stack>
    </FormModal>
  );
}
