import { Alert, Button, Group, Select, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CalendarDayKind } from '../../../common/types';
import { DateField } from '../shared/dates';
import { collectErrors } from '../shared/fieldErrors';
import { useSaveForm } from '../shared/useSaveForm';
import { useSetOverride } from './calendarQueries';

const KINDS: CalendarDayKind[] = ['nonWorking', 'short', 'working'];

export function AddOverrideForm({ year }: { year: number }) {
  const { t } = useTranslation('console');
  const setOverride = useSetOverride();
  const [date, setDate] = useState('');
  const [kind, setKind] = useState<CalendarDayKind>('nonWorking');
  const [note, setNote] = useState('');
  const { errors, clear, formError, pending, submit } = useSaveForm({
    mutation: setOverride,
    fields: ['date', 'kind', 'note'],
    onSaved: () => {
      setDate('');
      setNote('');
    },
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    // The list below shows one year: a date of another year would silently vanish from view.
    const found = collectErrors({
      date: date.startsWith(`${year}-`) ? null : t('calendar.dateInYear', { year }),
    });
    submit(found, { date, kind, note: note.trim() || null });
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label={t('calendar.addOverride')}>
      {formError && (
        <Alert color="red" role="alert" mb="sm">
          {formError}
        </Alert>
      )}
      <Group align="flex-start" wrap="wrap">
        <DateField
          label={t('calendar.date')}
          required
          min={`${year}-01-01`}
          max={`${year}-12-31`}
          value={date}
          error={errors.date}
          onChange={(next) => {
            clear('date');
            setDate(next);
          }}
          w={180}
        />
        <Select<CalendarDayKind>
          label={t('calendar.kind')}
          data={KINDS.map((value) => ({ value, label: t(`common:calendarDayKinds.${value}`) }))}
          value={kind}
          onChange={(value) => value && setKind(value)}
          allowDeselect={false}
          error={errors.kind}
          w={220}
        />
        <TextInput
          label={t('calendar.note')}
          placeholder={t('calendar.notePlaceholder')}
          value={note}
          error={errors.note}
          onChange={(event) => setNote(event.currentTarget.value)}
          w={320}
        />
        <Button type="submit" mt={25} loading={pending}>
          {t('common:actions.add')}
        </Button>
      </Group>
    </form>
  );
}
