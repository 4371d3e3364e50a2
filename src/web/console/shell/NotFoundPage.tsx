import { Alert, Anchor } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../shared/PageHeader';

export function NotFoundPage() {
  const { t } = useTranslation('console');
  return (
    <>
      <PageHeader title={t('notFound.title')} />
      <Alert color="gray">
        {t('notFound.text')}{' '}
        <Anchor component={Link} to="/">
          {t('notFound.home')}
        </Anchor>
      </Alert>
    </>
  );
}
