import { Alert, Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { UseMutationResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ConsoleModal } from './ConsoleModal';
import { describeError } from './describeError';

interface ConfirmDeleteModalProps<T extends { id: string }> {
  /** What to delete; null keeps the dialog closed. */
  item: T | null;
  /** Deletes by id. */
  remove: UseMutationResult<void, Error, string>;
  title: string;
  message: string;
  /** The notice after a successful deletion. */
  deletedMessage: (item: T) => string;
  onClose: () => void;
}

/** Deletion always asks first; the server's refusal (e.g. 409) is shown in the same dialog. */
export function ConfirmDeleteModal<T extends { id: string }>(props: ConfirmDeleteModalProps<T>) {
  const { item, remove } = props;
  const { t } = useTranslation();
  const close = () => {
    props.onClose();
    remove.reset();
  };
  const confirm = () => {
    if (!item) return;
    remove.mutate(item.id, {
      onSuccess: () => {
        notifications.show({ color: 'green', message: props.deletedMessage(item) });
        close();
      },
    });
  };
  return (
    <ConsoleModal opened={item !== null} onClose={close} title={props.title} centered>
      <Text mb="md">{props.message}</Text>
      {remove.error != null && (
        <Alert color="red" mb="md" role="alert">
          {describeError(remove.error, t)}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={close}>
          {t('actions.cancel')}
        </Button>
        <Button color="red" loading={remove.isPending} onClick={confirm}>
          {t('actions.confirmDelete')}
        </Button>
      </Group>
    </ConsoleModal>
  );
}
