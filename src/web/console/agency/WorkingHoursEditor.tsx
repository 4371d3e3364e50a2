import { Switch, Table, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Weekday, WorkingHours, WorkingInterval } from '../../../common/types';
import type { FieldErrors } from '../shared/fieldErrors';
import { DEFAULT_INTERVAL, DEFAULT_LUNCH, WEEKDAYS } from './workingHoursForm';

interface WorkingHoursEditorProps {
  value: WorkingHours;
  /** `changedField` is the path of the edited input, e.g. `workingHours.days.mon.start`. */
  onChange: (value: WorkingHours, changedField: string) => void;
  errors: FieldErrors;
  disabled?: boolean;
  /** Prefix of the field paths: `workingHours` for the agency, `hours` for a touchpoint. */
  path?: string;
}

interface IntervalRowProps {
  label: string;
  switchLabel: string;
  interval: WorkingInterval | null;
  fallback: WorkingInterval;
  path: string;
  errors: FieldErrors;
  disabled?: boolean;
  onChange: (interval: WorkingInterval | null, changedField: string) => void;
}

function IntervalRow({
  label,
  switchLabel,
  interval,
  fallback,
  path,
  errors,
  disabled,
  onChange,
}: IntervalRowProps) {
  const { t } = useTranslation('console');
  const time = (edge: 'start' | 'end') => (
    <TextInput
      type="time"
      size="sm"
      w={130}
      aria-label={`${label}: ${t(`agency.hours.${edge}`)}`}
      value={interval?.[edge] ?? ''}
      disabled={disabled || !interval}
      error={errors[`${path}.${edge}`]}
      onChange={(event) =>
        interval && onChange({ ...interval, [edge]: event.currentTarget.value }, `${path}.${edge}`)
      }
    />
  );
  return (
    <Table.Tr>
      <Table.Th scope="row" fw={500}>
        {label}
      </Table.Th>
      <Table.Td>
        <Switch
          label={switchLabel}
          checked={interval !== null}
          disabled={disabled}
          onChange={(event) => onChange(event.currentTarget.checked ? (interval ?? fallback) : null, path)}
        />
      </Table.Td>
      <Table.Td>{interval ? time('start') : <Text c="dimmed">—</Text>}</Table.Td>
      <Table.Td>{interval ? time('end') : <Text c="dimmed">—</Text>}</Table.Td>
    </Table.Tr>
  );
}

/** A week of opening hours plus one lunch break; an unchecked day is a day off. */
export function WorkingHoursEditor({
  value,
  onChange,
  errors,
  disabled,
  path = 'workingHours',
}: WorkingHoursEditorProps) {
  const { t } = useTranslation('console');
  const setDay = (day: Weekday, interval: WorkingInterval | null, changedField: string) =>
    onChange({ ...value, days: { ...value.days, [day]: interval } }, changedField);
  return (
    <Table.ScrollContainer minWidth={520}>
      <Table verticalSpacing="xs" captionSide="top">
        <Table.Caption>{t('agency.hours.caption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('agency.hours.day')}</Table.Th>
            <Table.Th>{t('agency.hours.status')}</Table.Th>
            <Table.Th>{t('agency.hours.start')}</Table.Th>
            <Table.Th>{t('agency.hours.end')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {WEEKDAYS.map((day) => (
            <IntervalRow
              key={day}
              label={t(`common:weekdays.${day}`)}
              switchLabel={t('agency.hours.workday')}
              interval={value.days[day]}
              fallback={DEFAULT_INTERVAL}
              path={`${path}.days.${day}`}
              errors={errors}
              disabled={disabled}
              onChange={(interval, changedField) => setDay(day, interval, changedField)}
            />
          ))}
          <IntervalRow
            label={t('agency.hours.lunch')}
            switchLabel={t('agency.hours.hasLunch')}
            interval={value.lunch}
            fallback={DEFAULT_LUNCH}
            path={`${path}.lunch`}
            errors={errors}
            disabled={disabled}
            onChange={(lunch, changedField) => onChange({ ...value, lunch }, changedField)}
          />
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
