import { SegmentedControl, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LOCALES, type Locale, useLocale } from '../../i18n/index';

export function LanguageSwitch() {
  const { t } = useTranslation();
  const [locale, setLocale] = useLocale();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('language.label')}
      value={locale}
      onChange={(value) => setLocale(value as Locale)}
      data={LOCALES.map((value) => ({
        value,
        // The short code is what users scan for; the full name is what screen readers say.
        label: (
          <>
            <span aria-hidden>{value.toUpperCase()}</span>
            <VisuallyHidden>{t(`language.${value}`)}</VisuallyHidden>
          </>
        ),
      }))}
    />
  );
}
