import { Alert, Button, Group, type ModalProps, Stack } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ConsoleModal } from './ConsoleModal';

interface FormModalProps {
  title: string;
  size?: ModalProps['size'];
  /** Above the default, for a dialog that may open over another one. */
  zIndex?: number;
  onClose: () => void;
  onSubmit: () => void;
  /** A server error that belongs to no input, shown above the fields. */
  formError: string | null;
  pending: boolean;
  /** "Сохранить" unless given. */
  submitLabel?: string;
  /** Shown above the form's error, e.g. whom the dialog is about. */
  intro?: ReactNode;
  children: ReactNode;
}

/**
 * A dialog holding one form: its error, its fields, then Cancel and the submit button. Render it
 * only while open, so that every opening starts from fresh state.
 */
export function FormModal({
  title,
  size,
  zIndex,
  onClose,
  onSubmit,
  formError,
  pending,
  submitLabel,
  intro,
  children,
}: FormModalProps) {
  const { t } = useTranslation();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <ConsoleModal opened onClose={onClose} title={title} size={size} zIndex={zIndex}>
      <form onSubmit={submit} noValidate>
        <Stack>
          {intro}
          {formError && (
            <Alert color="red" role="alert">
              {formError}
            </Alert>
          )}
          {children}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('actions.cancel')}
            </Button>
            <Button type="submit" loading={pending}>
              {submitLabel ?? t('actions.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </ConsoleModal>
  );
}
