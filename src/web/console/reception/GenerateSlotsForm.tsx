import { Alert, Button, Checkbox, Group, NumberInput, Select, SimpleGrid, Stack } from '@mantine/core';
import { TimeInput } from '@mantine/dates';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../shared/dates';
import { collectErrors } from '../shared/fieldErrors';
import { useSaveForm } from '../shared/useSaveForm';
import { useGenerateSlots, useOfficials, useRooms } from './receptionQueries';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
const FIELDS = [
  'officialId',
  'roomId',
  'from',
  'to',
  'pattern.weekdays',
  'pattern.start',
  'pattern.end',
  'pattern.minutes',
];

/** Makes a run of slots for one official: on the chosen weekdays of a period, one every `minutes`. */
export function GenerateSlotsForm() {
  const { t } = useTranslation('console');
  const officials = useOfficials();
  const rooms = useRooms();
  const [result, setResult] = useState<{ created: number; skipped: number } | null>(null);
  const form = useSaveForm({
    mutation: useGenerateSlots(),
    fields: FIELDS,
    onSaved: setResult,
    savedMessage: (made) => t('reception.generate.done', { count: made.created }),
  });
  const [officialId, setOfficialId] = useState<string | null>(null);
  const [roomId, setRoomId] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [weekdays, setWeekdays] = useState<string[]>(['1', '2', '3', '4', '5']);
  const [start, setStart] = useState('10:00');
  const [end, setEnd] = useState('13:00');
  const [minutes, setMinutes] = useState<number | string>(30);

  const required = (value: unknown) => (value ? null : t('validation.required', { ns: 'common' }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setResult(null);
    const found = collectErrors({
      officialId: required(officialId),
      from: required(from),
      to: required(to) ?? (from && to < from ? t('reception.generate.toBeforeFrom') : null),
      'pattern.weekdays': weekdays.length ? null : t('reception.generate.weekdaysRequired'),
      'pattern.start': required(start),
      'pattern.end': required(end) ?? (start && end <= start ? t('reception.generate.endBeforeStart') : null),
      'pattern.minutes': typeof minutes === 'number' ? null : t('validation.required', { ns: 'common' }),
    });
    form.submit(found, {
      officialId: officialId ?? '',
      roomId,
      from,
      to,
      pattern: { weekdays: weekdays.map(Number).sort(), start, end, minutes: Number(minutes) },
    });
  };
  const clearing =
    <T,>(field: string, set: (value: T) => void) =>
    (value: T) => {
      form.clear(field);
      set(value);
    };

  return (
    <form onSubmit={submit} noValidate>
      <Stack maw={720}>
        {form.formError && (
          <Alert color="red" role="alert">
            {form.formError}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('reception.generate.official')}
            required
            searchable
            data={(officials.data ?? [])
              .filter((official) => official.active)
              .map((official) => ({ value: official.id, label: `${official.name}, ${official.position}` }))}
            value={officialId}
            error={form.errors.officialId}
            nothingFoundMessage={t('reception.officials.empty')}
            onChange={clearing('officialId', setOfficialId)}
          />
          <Select
            label={t('reception.generate.room')}
            clearable
            placeholder={t('reception.generate.noRoom')}
            data={(rooms.data ?? []).map((room) => ({ value: room.id, label: room.name }))}
            value={roomId}
            error={form.errors.roomId}
            onChange={clearing('roomId', setRoomId)}
          />
          <DateField
            label={t('reception.generate.from')}
            required
            value={from}
            error={form.errors.from}
            onChange={clearing('from', setFrom)}
          />
          <DateField
            label={t('reception.generate.to')}
            required
            min={from}
            value={to}
            error={form.errors.to}
            onChange={clearing('to', setTo)}
          />
        </SimpleGrid>
        <Checkbox.Group
          label={t('reception.generate.weekdays')}
          required
          value={weekdays}
          error={form.errors['pattern.weekdays']}
          onChange={clearing('pattern.weekdays', setWeekdays)}
        >
          <Group mt="xs">
            {WEEKDAYS.map((day) => (
              <Checkbox key={day} value={String(day)} label={t(`reception.weekdays.${day}`)} />
            ))}
          </Group>
        </Checkbox.Group>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TimeInput
            label={t('reception.generate.start')}
            required
            value={start}
            error={form.errors['pattern.start']}
            onChange={(event) => clearing('pattern.start', setStart)(event.currentTarget.value)}
          />
          <TimeInput
            label={t('reception.generate.end')}
            required
            value={end}
            error={form.errors['pattern.end']}
            onChange={(event) => clearing('pattern.end', setEnd)(event.currentTarget.value)}
          />
          <NumberInput
            label={t('reception.generate.minutes')}
            required
            min={5}
            max={240}
            step={5}
            allowDecimal={false}
            value={minutes}
            error={form.errors['pattern.minutes']}
            onChange={clearing('pattern.minutes', setMinutes)}
          />
        </SimpleGrid>
        <Group>
          <Button type="submit" loading={form.pending}>
            {t('reception.generate.submit')}
          </Button>
        </Group>
        {result && (
          <Alert color={result.created > 0 ? 'green' : 'yellow'} role="status">
            {t('reception.generate.result', { count: result.created, skipped: result.skipped })}
          </Alert>
        )}
      </Stack>
    </form>
  );
}
