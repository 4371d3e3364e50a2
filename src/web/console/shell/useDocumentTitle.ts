import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Screen-reader users hear the page title first when a route changes, so each page names itself. */
export function useDocumentTitle(pageTitle?: string): void {
  const { t } = useTranslation('console');
  const appTitle = t('appTitle');
  useEffect(() => {
    document.title = pageTitle ? `${pageTitle} — ${appTitle}` : appTitle;
  }, [pageTitle, appTitle]);
}
