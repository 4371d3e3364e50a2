import { Divider, Group, Radio, Stack, Text, Textarea, Timeline, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReviewOutcome } from '../../../../common/kb';
import type { SectionFreshness } from '../../../../common/kb-review';
import { useAgencyTimezone } from '../../shared/agencyTime';
import { ConsoleModal } from '../../shared/ConsoleModal';
import { FormModal } from '../../shared/FormModal';
import { QueryStatus } from '../../shared/QueryStatus';
import { useSaveForm } from '../../shared/useSaveForm';
import { FreshnessBadge } from './FreshnessBadge';
import { useReviewSection, useSectionReviews } from './kbReviewQueries';

interface ReviewModalProps {
  section: SectionFreshness;
  onClose: () => void;
}

const FIELDS = ['outcome', 'note'] as const;

/**
 * A section's review (seed 003 p. 41): who may, marks it checked — as it is, or with the changes
 * made, which they name; everyone sees the past reviews.
 */
export function ReviewModal({ section, onClose }: ReviewModalProps) {
  const { t } = useTranslation('console');
  const title = t('kbFreshness.reviewTitle', { section: section.title });
  if (!section.canReview) {
    return (
      <ConsoleModal opened onClose={onClose} title={title} size="lg">
        <SectionState section={section} />
        <ReviewHistory sectionId={section.id} />
      </ConsoleModal>
    );
  }
  return <ReviewForm section={section} title={title} onClose={onClose} />;
}

function ReviewForm({ section, title, onClose }: ReviewModalProps & { title: string }) {
  const { t } = useTranslation('console');
  const review = useReviewSection(section.id);
  const form = useSaveForm({
    mutation: review,
    fields: FIELDS,
    onSaved: onClose,
    savedMessage: () => t('kbFreshness.reviewed'),
  });
  const [outcome, setOutcome] = useState<ReviewOutcome>('confirmed');
  const [note, setNote] = useState('');
  const onSubmit = () =>
    form.submit(outcome === 'edited' && !note.trim() ? { note: t('kbFreshness.noteRequired') } : {}, {
      outcome,
      ...(note.trim() ? { note: note.trim() } : {}),
    });

  return (
    <FormModal
      title={title}
      size="lg"
      onClose={onClose}
      onSubmit={onSubmit}
      formError={form.formError}
      pending={form.pending}
      submitLabel={t('kbFreshness.markReviewed')}
      intro={<SectionState section={section} />}
    >
      <Radio.Group
        label={t('kbFreshness.outcome')}
        value={outcome}
        onChange={(value) => {
          form.clear('note');
          setOutcome(value as ReviewOutcome);
        }}
        error={form.errors.outcome}
      >
        <Stack gap="xs" mt="xs">
          <Radio value="confirmed" label={t('kbFreshness.outcomes.confirmed')} data-autofocus />
          <Radio value="edited" label={t('kbFreshness.outcomes.edited')} />
        </Stack>
      </Radio.Group>
      <Textarea
        label={t('kbFreshness.note')}
        description={t(outcome === 'edited' ? 'kbFreshness.noteEditedHint' : 'kbFreshness.noteHint')}
        required={outcome === 'edited'}
        autosize
        minRows={3}
        maxLength={2000}
        value={note}
        error={form.errors.note}
        onChange={(event) => {
          form.clear('note');
          setNote(event.currentTarget.value);
        }}
      />
      <Divider />
      <ReviewHistory sectionId={section.id} />
    </FormModal>
  );
}

function SectionState({ section }: { section: SectionFreshness }) {
  const { t, i18n } = useTranslation('console');
  const due = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${section.reviewDueOn}T00:00:00Z`),
  );
  return (
    <Group gap="sm">
      <FreshnessBadge state={section.state} />
      <Text size="sm">{t('kbFreshness.dueOnLong', { date: due, days: section.reviewIntervalDays })}</Text>
    </Group>
  );
}

function ReviewHistory({ sectionId }: { sectionId: string }) {
  const { t, i18n } = useTranslation('console');
  const timezone = useAgencyTimezone();
  const reviews = useSectionReviews(sectionId);
  return (
    <section aria-labelledby="kb-review-history">
      <Title order={3} size="h5" id="kb-review-history" mb="xs">
        {t('kbFreshness.historyTitle')}
      </Title>
      <QueryStatus query={reviews} rows={2} />
      {reviews.data?.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('kbFreshness.noReviews')}
        </Text>
      )}
      {reviews.data && reviews.data.length > 0 && (
        <Timeline bulletSize={12} lineWidth={2}>
          {reviews.data.map((review) => (
            <Timeline.Item
              key={review.id}
              title={t(`kbFreshness.outcomes.${review.outcome}`)}
              color={review.outcome === 'edited' ? 'blue' : 'green'}
            >
              <Text size="sm" c="dimmed">
                {new Intl.DateTimeFormat(i18n.language, {
                  dateStyle: 'medium',
                  timeStyle: 'short',
                  timeZone: timezone,
                }).format(new Date(review.reviewedAt))}
                {review.reviewerName && ` · ${review.reviewerName}`}
              </Text>
              {review.note && <Text size="sm">{review.note}</Text>}
            </Timeline.Item>
          ))}
        </Timeline>
      )}
    </section>
  );
}
