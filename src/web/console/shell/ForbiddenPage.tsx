import { useTranslation } from 'react-i18next';
import { NoticePage } from '../shared/NoticePage';

export function ForbiddenPage() {
  const { t } = useTranslation('console');
  return (
    <NoticePage
      color="yellow"
      title={t('forbidden.title')}
      text={t('forbidden.text')}
      homeLabel={t('forbidden.home')}
    />
  );
}
