import { Chip, Group, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../shared/FormModal';
import { useSaveForm } from '../shared/useSaveForm';
import { type SocialItem, useDismiss } from './socialQueries';

const COMMON_REASONS = ['spam', 'offTopic', 'duplicate', 'noQuestion'] as const;

export function DismissModal({ item, onClose }: { item: SocialItem; onClose: () => void }) {
  const { t } = useTranslation('console');
  const dismiss = useDismiss();
  const form = useSaveForm({
    mutation: dismiss,
    fields: ['reason'],
    onSaved: onClose,
    savedMessage: () => t('social.dismissed'),
  });
  const [reason, setReason] = useState('');
  const submit = () =>
    form.submit(reason.trim() ? {} : { reason: t('social.reasonRequired') }, {
      id: item.id,
      reason: reason.trim(),
    });
  return (
    <FormModal
      title={t('social.dismissTitle', { name: item.authorName })}
      onClose={onClose}
      onSubmit={submit}
      formError={form.formError}
      pending={form.pending}
      submitLabel={t('social.dismiss')}
    >
      <Group gap="xs" role="group" aria-label={t('social.commonReasons')}>
        {COMMON_REASONS.map((key) => {
          const label = t(`social.reasons.${key}`);
          return (
            <Chip
              key={key}
              checked={reason === label}
              onChange={() => {
                form.clear('reason');
                setReason(label);
              }}
            >
              {label}
            </Chip>
          );
        })}
      </Group>
      <TextInput
        label={t('social.reason')}
        required
        maxLength={500}
        value={reason}
        error={form.errors.reason}
        onChange={(event) => {
          form.clear('reason');
          setReason(event.currentTarget.value);
        }}
        data-autofocus
      />
    </FormModal>
  );
}
