import { Alert, Anchor } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../shared/PageHeader';

export function ForbiddenPage() {
  const { t } = useTranslation('console');
  return (
    <>
      <PageHeader title={t('forbidden.title')} />
      <Alert color="yellow">
        {t('forbidden.text')}{' '}
        <Anchor component={Link} to="/">
          {t('forbidden.home')}
        </Anchor>
      </Alert>
    </>
  );
}
