import { Alert, Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { ConsoleModal } from '../shared/ConsoleModal';
import { describeError } from '../shared/describeError';
import { type Booking, useCancelBooking } from './receptionQueries';

/** Cancelling frees the slot for someone else and cannot be undone, so it is asked for first. */
export function CancelBookingModal({
  booking,
  when,
  onClose,
}: {
  booking: Booking;
  when: string;
  onClose: () => void;
}) {
  const { t } = useTranslation('console');
  const cancel = useCancelBooking();
  const confirm = () =>
    cancel.mutate(booking.id, {
      onSuccess: () => {
        notifications.show({ color: 'green', message: t('reception.cancel.done', { name: booking.name }) });
        onClose();
      },
    });
  return (
    <ConsoleModal opened onClose={onClose} title={t('reception.cancel.title')} centered>
      <Text mb="md">{t('reception.cancel.confirm', { name: booking.name, when })}</Text>
      {cancel.error != null && (
        <Alert color="red" mb="md" role="alert">
          {describeError(cancel.error, t)}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t('reception.cancel.keep')}
        </Button>
        <Button color="red" loading={cancel.isPending} onClick={confirm}>
          {t('reception.cancel.submit')}
        </Button>
      </Group>
    </ConsoleModal>
  );
}
