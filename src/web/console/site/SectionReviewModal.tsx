import { NumberInput, Select } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_REVIEW_INTERVAL_DAYS } from '../../../common/kb';
import { FormModal } from '../shared/FormModal';
import { collectErrors } from '../shared/fieldErrors';
import { useSaveForm } from '../shared/useSaveForm';
import { type SiteSection, useResponsibles, useSaveSectionReview } from './siteQueries';

const FIELDS = ['responsibleUserId', 'reviewIntervalDays'] as const;

/** Who answers for a section's accuracy and how often it is re-checked (seed 000 p. 7.1). */
export function SectionReviewModal({ section, onClose }: { section: SiteSection; onClose: () => void }) {
  const { t } = useTranslation('console');
  const people = useResponsibles();
  const form = useSaveForm({ mutation: useSaveSectionReview(section.id), fields: FIELDS, onSaved: onClose });
  const [responsibleUserId, setResponsible] = useState(section.responsibleUserId);
  const [interval, setInterval] = useState<number | string>(section.reviewIntervalDays);

  const onSubmit = () => {
    const days = Number(interval);
    const valid = Number.isInteger(days) && days >= 1 && days <= MAX_REVIEW_INTERVAL_DAYS;
    form.submit(
      collectErrors({
        reviewIntervalDays: valid
          ? null
          : t('site.sections.intervalError', { max: MAX_REVIEW_INTERVAL_DAYS }),
      }),
      { responsibleUserId, reviewIntervalDays: days },
    );
  };

  return (
    <FormModal
      title={t('site.sections.editTitle', { title: section.title })}
      onClose={onClose}
      onSubmit={onSubmit}
      formError={form.formError}
      pending={form.pending}
    >
      <Select
        label={t('site.sections.responsible')}
        description={t('site.sections.responsibleHint')}
        placeholder={t('site.sections.nobody')}
        searchable
        clearable
        nothingFoundMessage={t('site.sections.nobodyFound')}
        data={(people.data ?? []).map((person) => ({ value: person.id, label: person.name }))}
        value={responsibleUserId}
        error={form.errors.responsibleUserId}
        onChange={(value) => {
          form.clear('responsibleUserId');
          setResponsible(value);
        }}
        data-autofocus
      />
      <NumberInput
        label={t('site.sections.interval')}
        description={t('site.sections.intervalHint', { max: MAX_REVIEW_INTERVAL_DAYS })}
        required
        min={1}
        max={MAX_REVIEW_INTERVAL_DAYS}
        allowDecimal={false}
        allowNegative={false}
        value={interval}
        error={form.errors.reviewIntervalDays}
        onChange={(value) => {
          form.clear('reviewIntervalDays');
          setInterval(value);
        }}
      />
    </FormModal>
  );
}
