import { type CalendarAriaLabels, DateInput, type DateInputProps, DatesProvider } from '@mantine/dates';
import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import 'dayjs/locale/ru';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

// Typed dates are read as the field shows them (дд.мм.гггг), not as the browser's locale would.
dayjs.extend(customParseFormat);

const DATE_INPUTS = ['DD.MM.YYYY', 'D.M.YYYY', 'YYYY-MM-DD'];
const DATE_TIME_INPUTS = ['DD.MM.YYYY HH:mm', 'D.M.YYYY H:mm', 'YYYY-MM-DD HH:mm'];

const parseDate = (input: string) => {
  const date = dayjs(input.trim(), DATE_INPUTS, true);
  return date.isValid() ? date.format('YYYY-MM-DD') : null;
};
const parseDateTime = (input: string) => {
  const date = dayjs(input.trim(), DATE_TIME_INPUTS, true);
  return date.isValid() ? date.format('YYYY-MM-DD HH:mm:ss') : null;
};

/** Calendars in the console's language, weeks from Monday, whatever the browser's own locale. */
export function ConsoleDatesProvider({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  return (
    <DatesProvider settings={{ locale: i18n.language.startsWith('en') ? 'en' : 'ru', firstDayOfWeek: 1 }}>
      {children}
    </DatesProvider>
  );
}

/** Names for the calendar's arrows and level buttons, which Mantine leaves unnamed (axe: button-name). */
function useCalendarLabels(): CalendarAriaLabels {
  const { t } = useTranslation('common');
  return {
    monthLevelControl: t('dates.calendar.monthLevel'),
    yearLevelControl: t('dates.calendar.yearLevel'),
    nextMonth: t('dates.calendar.nextMonth'),
    previousMonth: t('dates.calendar.previousMonth'),
    nextYear: t('dates.calendar.nextYear'),
    previousYear: t('dates.calendar.previousYear'),
    nextDecade: t('dates.calendar.nextDecade'),
    previousDecade: t('dates.calendar.previousDecade'),
  };
}

type FieldProps = Omit<DateInputProps, 'value' | 'onChange' | 'valueFormat' | 'minDate' | 'maxDate'> & {
  /** `YYYY-MM-DD`, or '' for none. */
  value: string;
  onChange: (value: string) => void;
  min?: string;
  max?: string;
};

/**
 * A date typed as «26.11.2026» or picked from a calendar; the value stays ISO `YYYY-MM-DD` for the
 * API. Replaces `<input type="date">`, whose day/month order follows the browser, not the console.
 */
export function DateField({ value, onChange, min, max, ...props }: FieldProps) {
  const { t } = useTranslation('common');
  const ariaLabels = useCalendarLabels();
  return (
    <DateInput
      valueFormat="DD.MM.YYYY"
      ariaLabels={ariaLabels}
      dateParser={parseDate}
      placeholder={t('dates.placeholder')}
      {...props}
      value={value || null}
      minDate={min || undefined}
      maxDate={max || undefined}
      onChange={(next) => onChange(next ?? '')}
    />
  );
}

/**
 * Date and time as «26.11.2026 14:30»; the value is `YYYY-MM-DDTHH:mm`, the shape the
 * `datetime-local` input gave, read in the agency's time zone by the caller.
 */
export function DateTimeField({ value, onChange, ...props }: FieldProps) {
  const { t } = useTranslation('common');
  const ariaLabels = useCalendarLabels();
  return (
    <DateInput
      valueFormat="DD.MM.YYYY HH:mm"
      ariaLabels={ariaLabels}
      dateParser={parseDateTime}
      withTime
      placeholder={t('dates.dateTimePlaceholder')}
      {...props}
      value={value ? value.replace('T', ' ') : null}
      onChange={(next) => onChange(next ? next.replace(' ', 'T').slice(0, 16) : '')}
    />
  );
}
