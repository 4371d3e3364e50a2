import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { describeError } from '../shared/describeError';
import { useMarkNoShow, useOpenCard } from './cardQueries';
import type { Booking, Slot } from './receptionQueries';

/**
 * What can be done about a booked visit: open its reception card (it is created on first
 * opening), or, once its time has begun, mark that the citizen did not come.
 */
export function VisitActions({
  booking,
  slot,
  when,
  past,
  canPrepare,
}: {
  booking: Booking;
  slot: Slot;
  when: string;
  past: boolean;
  canPrepare: boolean;
}) {
  const { t } = useTranslation('console');
  const navigate = useNavigate();
  const open = useOpenCard();
  const noShow = useMarkNoShow();
  const fail = (error: unknown) => notifications.show({ color: 'red', message: describeError(error, t) });
  const visit = booking.status === 'booked' || booking.status === 'attended';
  return (
    <>
      {visit && (
        <Button
          size="xs"
          variant="light"
          loading={open.isPending}
          aria-label={`${t('reception.card.openCard')}: ${booking.name}, ${when}, ${slot.official.name}`}
          onClick={() =>
            open.mutate(booking.id, {
              onSuccess: (card) => navigate(`/reception/cards/${card.id}`),
              onError: fail,
            })
          }
        >
          {t('reception.card.openCard')}
        </Button>
      )}
      {booking.status === 'booked' && past && canPrepare && (
        <Button
          size="xs"
          variant="default"
          loading={noShow.isPending}
          aria-label={`${t('reception.card.noShow')}: ${booking.name}, ${when}`}
          onClick={() =>
            noShow.mutate(booking.id, {
              onSuccess: () =>
                notifications.show({
                  color: 'green',
                  message: t('reception.card.noShowDone', { name: booking.name }),
                }),
              onError: fail,
            })
          }
        >
          {t('reception.card.noShow')}
        </Button>
      )}
    </>
  );
}
