import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PageHeader } from '../../shared/PageHeader';
import { KbSearchPanel } from './KbSearchPanel';
import { kbArticlePath, recordKbUse } from './kbSearchQueries';

/** «Поиск по базе знаний»: the search on a page of its own; a found article opens on its page. */
export function KbSearchPage() {
  const { t } = useTranslation('console');
  const navigate = useNavigate();
  return (
    <>
      <PageHeader title={t('nav.kbSearch')} description={t('kbSearch.description')} />
      <KbSearchPanel
        onOpen={(item) => {
          // Counting is a side matter: opening the article must not wait for it or fail with it.
          recordKbUse(item.id, 'search').catch(() => {});
          navigate(kbArticlePath(item.id));
        }}
      />
    </>
  );
}
