import { useTranslation } from 'react-i18next';
import { NoticePage } from '../shared/NoticePage';

export function NotFoundPage() {
  const { t } = useTranslation('console');
  return (
    <NoticePage
      color="gray"
      title={t('notFound.title')}
      text={t('notFound.text')}
      homeLabel={t('notFound.home')}
    />
  );
}
