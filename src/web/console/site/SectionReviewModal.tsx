import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../shared/FormModal';
import { collectErrors } from '../shared/fieldErrors';
import { useSaveForm } from '../shared/useSaveForm';
import { intervalError, ResponsibleSelect, ReviewIntervalInput } from './ReviewFields';
import { type SiteSection, useSaveSectionReview } from './siteQueries';

const FIELDS = ['responsibleUserId', 'reviewIntervalDays'] as const;

/** Who answers for a section's accuracy and how often it is re-checked (seed 000 p. 7.1). */
export function SectionReviewModal({ section, onClose }: { section: SiteSection; onClose: () => void }) {
  const { t } = useTranslation('console');
  const form = useSaveForm({ mutation: useSaveSectionReview(section.id), fields: FIELDS, onSaved: onClose });
  const [responsibleUserId, setResponsible] = useState(section.responsibleUserId);
  const [interval, setInterval] = useState<number | string>(section.reviewIntervalDays);

  const onSubmit = () =>
    form.submit(collectErrors({ reviewIntervalDays: intervalError(interval, t) }), {
      responsibleUserId,
      reviewIntervalDays: Number(interval),
    });

  return (
    <FormModal
      title={t('site.sections.editTitle', { title: section.title })}
      onClose={onClose}
      onSubmit={onSubmit}
      formError={form.formError}
      pending={form.pending}
    >
      <ResponsibleSelect
        value={responsibleUserId}
        error={form.errors.responsibleUserId}
        onChange={(value) => {
          form.clear('responsibleUserId');
          setResponsible(value);
        }}
        autoFocus
      />
      <ReviewIntervalInput
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
