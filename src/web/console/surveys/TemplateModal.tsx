import { NativeSelect, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError } from '../../ui/api';
import { FormModal } from '../shared/FormModal';
import { useCreateFromTemplate, useSurveyTemplates } from './surveyQueries';

/** A survey of the agency's own from a template form (the seed-001 form is offered to every agency). */
export function TemplateModal({ onClose }: { onClose(): void }) {
  const { t } = useTranslation('console');
  const navigate = useNavigate();
  const templates = useSurveyTemplates(true);
  const create = useCreateFromTemplate();
  const [template, setTemplate] = useState('');
  const [slug, setSlug] = useState('');
  const chosen = template || templates.data?.[0]?.key || '';
  const error = create.error instanceof ApiError ? create.error : null;
  return (
    <FormModal
      title={t('surveys.template.title')}
      onClose={onClose}
      pending={create.isPending}
      submitLabel={t('surveys.template.create')}
      formError={error && error.field !== 'body.slug' ? error.message : null}
      onSubmit={() =>
        create.mutate(
          { template: chosen, slug: slug.trim() },
          { onSuccess: (survey) => navigate(`/surveys/${survey.id}`) },
        )
      }
    >
      <NativeSelect
        label={t('surveys.template.template')}
        value={chosen}
        onChange={(event) => setTemplate(event.currentTarget.value)}
        data={(templates.data ?? []).map((item) => ({ value: item.key, label: item.title }))}
      />
      <TextInput
        label={t('surveys.template.slug')}
        description={t('surveys.template.slugHint')}
        required
        value={slug}
        onChange={(event) => setSlug(event.currentTarget.value)}
        error={error?.field === 'body.slug' ? error.message : undefined}
      />
    </FormModal>
  );
}
