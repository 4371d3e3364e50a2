import { Blockquote, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../shared/FormModal';
import { useSaveForm } from '../shared/useSaveForm';
import { type InviteSettings, MAX_REPLY_LENGTH, useSaveInviteSettings } from './socialQueries';

const INVITE_PLACEHOLDERS = ['клиент', 'ссылка', 'почта'];

/** The agency's own invitation text; empty brings back the default one. */
export function InviteSettingsModal({
  settings,
  onClose,
}: {
  settings: InviteSettings;
  onClose: () => void;
}) {
  const { t } = useTranslation('console');
  const save = useSaveInviteSettings();
  const form = useSaveForm({ mutation: save, fields: ['inviteText'], onSaved: onClose });
  const [text, setText] = useState(settings.inviteText ?? '');
  return (
    <FormModal
      title={t('social.inviteSettings')}
      size="lg"
      onClose={onClose}
      onSubmit={() => form.submit({}, { inviteText: text.trim() || null })}
      formError={form.formError}
      pending={form.pending}
    >
      <Textarea
        label={t('social.inviteText')}
        description={t('social.inviteHint', {
          list: INVITE_PLACEHOLDERS.map((name) => `{{${name}}}`).join(', '),
        })}
        placeholder={t('social.inviteDefault')}
        autosize
        minRows={4}
        maxLength={MAX_REPLY_LENGTH}
        value={text}
        error={form.errors.inviteText}
        onChange={(event) => {
          form.clear('inviteText');
          setText(event.currentTarget.value);
        }}
        data-autofocus
      />
      {settings.preview && (
        <>
          <Text size="sm" fw={500}>
            {t('social.invitePreview')}
          </Text>
          <Blockquote p="sm" color="blue">
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {settings.preview}
            </Text>
          </Blockquote>
        </>
      )}
    </FormModal>
  );
}
