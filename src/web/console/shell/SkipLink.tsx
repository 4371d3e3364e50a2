import { useTranslation } from 'react-i18next';
import classes from './SkipLink.module.css';

/** First tab stop on every page: jumps past the header and navigation straight to the content. */
export function SkipLink({ targetId }: { targetId: string }) {
  const { t } = useTranslation('console');
  return (
    <a className={classes.link} href={`#${targetId}`}>
      {t('shell.skipToContent')}
    </a>
  );
}
