import { FileInput } from '@mantine/core';
import { IconPaperclip } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ACCEPT } from '../../../common/attachments';
import fieldClasses from './fields.module.css';

interface Props {
  value: File[];
  error?: string;
  onChange: (files: File[]) => void;
}

/** «Обращения» attachments: a keyboard-reachable button opening the file dialog; the limits are in the hint. */
export function AttachmentsField({ value, error, onChange }: Props) {
  const { t } = useTranslation('portal');
  return (
    <FileInput
      id="request-files"
      name="files"
      size="md"
      multiple
      clearable
      // Mantine's clear button is an icon alone: without a name a screen reader announces «button».
      clearButtonProps={{ 'aria-label': t('attachments.clear') }}
      accept={ACCEPT}
      label={t('attachments.label')}
      description={t('attachments.hint')}
      placeholder={t('attachments.placeholder')}
      leftSection={<IconPaperclip size="1.1rem" aria-hidden="true" />}
      value={value}
      onChange={onChange}
      error={error}
      classNames={{ error: fieldClasses.error }}
      maw={560}
      // The placeholder is text (not an input's placeholder): it needs 4.5:1, red or gray alike.
      styles={{ placeholder: { color: 'var(--mantine-color-dimmed)' } }}
    />
  );
}
