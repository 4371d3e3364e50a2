import { Alert, Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ConsoleModal } from './ConsoleModal';
import { describeError } from './describeError';

interface ConfirmDeleteModalProps {
  opened: boolean;
  title: string;
  message: string;
  pending: boolean;
  error: unknown;
  onConfirm: () => void;
  onClose: () => void;
}

/** Deletion always asks first; the server's refusal (e.g. 409) is shown in the same dialog. */
export function ConfirmDeleteModal(props: ConfirmDeleteModalProps) {
  const { t } = useTranslation();
  return (
    <ConsoleModal opened={props.opened} onClose={props.onClose} title={props.title} centered>
      <Text mb="md">{props.message}</Text>
      {props.error != null && (
        <Alert color="red" mb="md" role="alert">
          {describeError(props.error, t)}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={props.onClose}>
          {t('actions.cancel')}
        </Button>
        <Button color="red" loading={props.pending} onClick={props.onConfirm}>
          {t('actions.confirmDelete')}
        </Button>
      </Group>
    </ConsoleModal>
  );
}
