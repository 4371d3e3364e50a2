import { Alert, Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePasswordResetRequest } from '../session/sessionMutations';
import { describeError } from '../shared/describeError';
import { AuthLayout } from './AuthLayout';
import { validateEmail } from './validation';

export function ForgotPasswordPage() {
  const { t } = useTranslation('console');
  const request = usePasswordResetRequest();
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | null>(null);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const problem = validateEmail(email, t);
    setError(problem);
    if (!problem) request.mutate(email.trim());
  };

  return (
    <AuthLayout title={t('forgot.title')}>
      {request.isSuccess ? (
        // Same words whether or not the address has an account: no account enumeration.
        <Stack>
          <Alert color="green" role="status">
            {t('forgot.sent')}
          </Alert>
          <Anchor component={Link} to="/login">
            {t('forgot.backToLogin')}
          </Anchor>
        </Stack>
      ) : (
        <form onSubmit={onSubmit} noValidate>
          <Stack>
            <Text size="sm">{t('forgot.hint')}</Text>
            {request.error && (
              <Alert color="red" role="alert">
                {describeError(request.error, t)}
              </Alert>
            )}
            <TextInput
              label={t('login.email')}
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(event) => {
                setEmail(event.currentTarget.value);
                setError(null);
              }}
              error={error}
            />
            <Button type="submit" loading={request.isPending} fullWidth>
              {t('forgot.submit')}
            </Button>
            <Anchor component={Link} to="/login" size="sm" ta="center">
              {t('forgot.backToLogin')}
            </Anchor>
          </Stack>
        </form>
      )}
    </AuthLayout>
  );
}
