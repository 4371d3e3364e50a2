import { Alert, Blockquote, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../shared/FormModal';
import { useSaveForm } from '../shared/useSaveForm';
import { type SocialItem, useInvite, useInviteSettings } from './socialQueries';

/** Seed 000 p. 3.1: when a short answer is not possible, ask the person to an individual channel. */
export function InviteModal({ item, onClose }: { item: SocialItem; onClose: () => void }) {
  const { t } = useTranslation('console');
  const invite = useInvite();
  const settings = useInviteSettings();
  const form = useSaveForm({
    mutation: invite,
    fields: [],
    onSaved: onClose,
    savedMessage: () => t('social.invited'),
  });
  return (
    <FormModal
      title={t('social.inviteTitle', { name: item.authorName })}
      size="lg"
      onClose={onClose}
      onSubmit={() => form.submit({}, item.id)}
      formError={form.formError}
      pending={form.pending}
      submitLabel={t('social.send')}
    >
      <Text size="sm">{t('social.inviteIntro')}</Text>
      {settings.data?.preview && (
        <Blockquote p="sm" color="blue" cite={t('social.invitePreviewNote')}>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {settings.data.preview}
          </Text>
        </Blockquote>
      )}
      {settings.data?.problem && (
        <Alert color="red" role="alert">
          {settings.data.problem}
        </Alert>
      )}
    </FormModal>
  );
}
