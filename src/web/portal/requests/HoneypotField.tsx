import { useTranslation } from 'react-i18next';
import classes from './HoneypotField.module.css';

interface Props {
  value: string;
  onChange: (value: string) => void;
}

/**
 * A trap for bots that fill every input: moved off screen rather than `display: none` (which
 * bots skip), hidden from screen readers and out of the Tab order, so people never fill it.
 */
export function HoneypotField({ value, onChange }: Props) {
  const { t } = useTranslation('portal');
  return (
    <div className={classes.trap} aria-hidden="true">
      <label htmlFor="request-website">{t('requests.honeypot')}</label>
      <input
        id="request-website"
        name="website"
        type="text"
        tabIndex={-1}
        autoComplete="off"
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
      />
    </div>
  );
}
