import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../session/SessionContext';
import { useAgencyTimezone } from '../shared/agencyTime';
import { DataTable } from '../shared/DataTable';
import { DateField } from '../shared/dates';
import { EmptyMessage } from '../shared/EmptyMessage';
import { addDays, localDateOf, mondayOf, todayIn } from '../shared/localDays';
import { QueryStatus } from '../shared/QueryStatus';
import { BookingModal } from './BookingModal';
import { CancelBookingModal } from './CancelBookingModal';
import { type Booking, type Slot, useSlots } from './receptionQueries';
import { VisitActions } from './VisitActions';
import { WalkInModal } from './WalkInModal';

type Acting =
  | { kind: 'book'; slot: Slot; when: string }
  | { kind: 'cancel'; booking: Booking; when: string }
  | { kind: 'walkIn'; slot: Slot; when: string }
  | null;

/** The slots of one agency-local week with who booked them; editors book free slots and cancel bookings. */
export function ScheduleSection({ editable }: { editable: boolean }) {
  const { t, i18n } = useTranslation('console');
  const timeZone = useAgencyTimezone();
  // Until a week is chosen the current one is shown, reckoned once the agency's zone has loaded.
  const [chosen, setMonday] = useState<string | null>(null);
  const monday = chosen ?? mondayOf(todayIn(timeZone));
  const sunday = addDays(monday, 6);
  const slots = useSlots(monday, sunday);
  const [acting, setActing] = useState<Acting>(null);
  const me = useSession().user.id;
  // The official a slot belongs to runs its card even without a reception role.
  const actionable = (slot: Slot) => editable || slot.official.userId === me;
  const withActions = editable || (slots.data ?? []).some((slot) => slot.official.userId === me);

  const day = new Intl.DateTimeFormat(i18n.language, {
    weekday: 'short',
    day: 'numeric',
    month: 'long',
    timeZone,
  });
  const time = new Intl.DateTimeFormat(i18n.language, { hour: '2-digit', minute: '2-digit', timeZone });
  const whenOf = (slot: Slot) =>
    `${day.format(new Date(slot.startsAt))}, ${time.format(new Date(slot.startsAt))}–${time.format(new Date(slot.endsAt))}`;
  const weekLabel = new Intl.DateTimeFormat(i18n.language, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const now = Date.now();
  // Walk-ins are received on the day: a free slot of today can take one.
  const today = todayIn(timeZone);
  const sorted = [...(slots.data ?? [])].sort(
    (a, b) => a.startsAt.localeCompare(b.startsAt) || a.official.name.localeCompare(b.official.name),
  );

  return (
    <Stack>
      <Group align="flex-end" wrap="wrap">
        <Button
          variant="default"
          leftSection={<IconChevronLeft size={16} aria-hidden />}
          onClick={() => setMonday(addDays(monday, -7))}
        >
          {t('reception.schedule.previous')}
        </Button>
        <Button variant="default" onClick={() => setMonday(null)}>
          {t('reception.schedule.current')}
        </Button>
        <Button
          variant="default"
          rightSection={<IconChevronRight size={16} aria-hidden />}
          onClick={() => setMonday(addDays(monday, 7))}
        >
          {t('reception.schedule.next')}
        </Button>
        <DateField
          label={t('reception.schedule.jump')}
          value={monday}
          onChange={(value) => value && setMonday(mondayOf(value))}
          w={180}
        />
      </Group>
      <Text fw={500} aria-live="polite">
        {t('reception.schedule.week', {
          from: weekLabel.format(new Date(`${monday}T00:00:00Z`)),
          to: weekLabel.format(new Date(`${sunday}T00:00:00Z`)),
        })}
      </Text>
      <QueryStatus query={slots} rows={4} />
      {slots.data?.length === 0 && (
        <EmptyMessage title={t('reception.schedule.empty')} description={t('reception.schedule.emptyHint')} />
      )}
      {sorted.length > 0 && (
        <DataTable
          minWidth={900}
          head={
            <>
              <Table.Th>{t('reception.schedule.when')}</Table.Th>
              <Table.Th>{t('reception.schedule.official')}</Table.Th>
              <Table.Th>{t('reception.schedule.room')}</Table.Th>
              <Table.Th>{t('reception.schedule.booking')}</Table.Th>
              <Table.Th>{t('reception.schedule.topic')}</Table.Th>
              {withActions && <Table.Th>{t('reception.schedule.actions')}</Table.Th>}
            </>
          }
        >
          {sorted.map((slot, index) => {
            const when = whenOf(slot);
            const previous = sorted[index - 1];
            // The first slot of each day stands out, so the week reads as days.
            const newDay =
              !previous || localDateOf(previous.startsAt, timeZone) !== localDateOf(slot.startsAt, timeZone);
            const past = Date.parse(slot.startsAt) <= now;
            const booking = slot.booking;
            return (
              <Table.Tr key={slot.id}>
                <Table.Td>
                  <Text size="sm" fw={newDay ? 600 : undefined} c={past ? 'dimmed' : undefined}>
                    {when}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{slot.official.name}</Text>
                  <Text size="xs" c="dimmed">
                    {slot.official.position}
                  </Text>
                </Table.Td>
                <Table.Td>{slot.room?.name ?? '—'}</Table.Td>
                <Table.Td>
                  {booking ? (
                    <>
                      <Text size="sm">{booking.name}</Text>
                      {booking.status !== 'booked' && (
                        <Badge size="sm" variant="light" color="gray" c="gray.9" tt="none">
                          {t(`reception.status.${booking.status}`, { defaultValue: booking.status })}
                        </Badge>
                      )}
                      <Text size="xs" c="dimmed">
                        {[booking.phone, booking.email].filter(Boolean).join(', ') ||
                          t('reception.schedule.noContact')}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {t(`reception.channel.${booking.channel}`, { defaultValue: booking.channel })}
                        {booking.source !== 'portal' &&
                          ` · ${t(`reception.source.${booking.source}`, { defaultValue: booking.source })}`}
                      </Text>
                    </>
                  ) : past ? (
                    <Text size="sm" c="dimmed">
                      {t('reception.schedule.passed')}
                    </Text>
                  ) : (
                    // Shade 8 green is too light for white text; black on it passes 4.5:1.
                    <Badge color="green.8" c="black" variant="filled" tt="none">
                      {t('reception.schedule.free')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm" lineClamp={3}>
                    {booking?.topic ?? ''}
                  </Text>
                </Table.Td>
                {withActions && (
                  <Table.Td>
                    <Group gap="xs">
                      {booking && actionable(slot) && (
                        <VisitActions
                          booking={booking}
                          slot={slot}
                          when={when}
                          past={past}
                          canPrepare={editable}
                        />
                      )}
                      {booking?.status === 'booked' && !past && editable && (
                        <Button
                          size="xs"
                          variant="light"
                          color="red"
                          aria-label={`${t('reception.schedule.cancel')}: ${booking.name}, ${when}`}
                          onClick={() => setActing({ kind: 'cancel', booking, when })}
                        >
                          {t('reception.schedule.cancel')}
                        </Button>
                      )}
                      {!booking && actionable(slot) && localDateOf(slot.startsAt, timeZone) === today && (
                        <Button
                          size="xs"
                          variant="default"
                          aria-label={`${t('reception.walkIn.action')}: ${when}, ${slot.official.name}`}
                          onClick={() => setActing({ kind: 'walkIn', slot, when })}
                        >
                          {t('reception.walkIn.action')}
                        </Button>
                      )}
                      {!booking && !past && editable && (
                        <Button
                          size="xs"
                          variant="light"
                          aria-label={`${t('reception.schedule.book')}: ${when}, ${slot.official.name}`}
                          onClick={() => setActing({ kind: 'book', slot, when })}
                        >
                          {t('reception.schedule.book')}
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </DataTable>
      )}
      {acting?.kind === 'book' && (
        <BookingModal slot={acting.slot} when={acting.when} onClose={() => setActing(null)} />
      )}
      {acting?.kind === 'walkIn' && (
        <WalkInModal slot={acting.slot} when={acting.when} onClose={() => setActing(null)} />
      )}
      {acting?.kind === 'cancel' && (
        <CancelBookingModal booking={acting.booking} when={acting.when} onClose={() => setActing(null)} />
      )}
    </Stack>
  );
}
