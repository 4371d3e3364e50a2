import { useTranslation } from 'react-i18next';
import type { Weekday } from '../../../common/types';
import { WEEKDAYS } from '../agency/workingHoursForm';
import classes from './calendar.module.css';
import { type DayClassifier, type DayInfo, monthWeeks } from './dayStatus';

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function DayCell({ info, weekday }: { info: DayInfo; weekday: Weekday }) {
  const { t, i18n } = useTranslation('console');
  const date = new Intl.DateTimeFormat(i18n.language, {
    day: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  }).format(new Date(`${info.date}T00:00:00Z`));
  const status = t(`calendar.status.${info.status}`);
  const override = info.override
    ? `, ${t('calendar.overrideMark')}${info.override.note ? `: ${info.override.note}` : ''}`
    : '';
  const marker =
    info.status === 'working' || info.status === 'weekend' ? '' : t(`calendar.marker.${info.status}`);
  const className = [classes.cell, classes[info.status], info.override ? classes.override : '']
    .filter(Boolean)
    .join(' ');
  return (
    <td className={classes.day}>
      <span
        className={className}
        role="img"
        aria-label={`${date}, ${t(`common:weekdays.${weekday}`)}: ${status}${override}`}
        title={`${status}${override}`}
      >
        {info.day}
        {(marker || info.override) && (
          <span className={classes.marker} aria-hidden>
            {marker}
            {info.override ? '*' : ''}
          </span>
        )}
      </span>
    </td>
  );
}

export function MonthGrid({
  year,
  month,
  classify,
}: {
  year: number;
  month: number;
  classify: DayClassifier;
}) {
  const { t, i18n } = useTranslation('console');
  const title = new Intl.DateTimeFormat(i18n.language, { month: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, month, 1)),
  );
  return (
    <table className={classes.month}>
      <caption className={classes.caption}>{capitalize(title)}</caption>
      <thead>
        <tr>
          {WEEKDAYS.map((weekday) => (
            <th key={weekday} scope="col" abbr={t(`common:weekdays.${weekday}`)}>
              {t(`common:weekdaysShort.${weekday}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {monthWeeks(year, month, classify).map((week) => (
          <tr key={week.find(Boolean)?.date}>
            {week.map((info, index) =>
              info ? (
                <DayCell key={info.date} info={info} weekday={WEEKDAYS[index] as Weekday} />
              ) : (
                // biome-ignore lint/suspicious/noArrayIndexKey: empty padding cells have only a position
                <td key={index} className={classes.day} />
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
