import { Alert, Anchor, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePasswordResetRequest } from '../session/sessionMutations';
import { AuthForm, EmailInput } from './AuthForm';
import { AuthLayout } from './AuthLayout';
import { validateEmail } from './validation';

export function ForgotPasswordPage() {
  const { t } = useTranslation('console');
  const request = usePasswordResetRequest();
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | null>(null);

  const onSubmit = () => {
    const problem = validateEmail(email, t);
    setError(problem);
    if (!problem) request.mutate(email.trim());
  };

  // Same words whether or not the address has an account: no account enumeration.
  if (request.isSuccess) {
    return (
      <AuthLayout title={t('forgot.title')}>
        <Stack>
          <Alert color="green" role="status">
            {t('forgot.sent')}
          </Alert>
          <Anchor component={Link} to="/login">
            {t('forgot.backToLogin')}
          </Anchor>
        </Stack>
      </AuthLayout>
    );
  }

  return (
    <AuthForm
      title={t('forgot.title')}
      hint={t('forgot.hint')}
      onSubmit={onSubmit}
      error={request.error}
      pending={request.isPending}
      submitLabel={t('forgot.submit')}
      link={{ to: '/login', label: t('forgot.backToLogin') }}
    >
      <EmailInput
        value={email}
        onChange={(value) => {
          setEmail(value);
          setError(null);
        }}
        error={error}
      />
    </AuthForm>
  );
}
