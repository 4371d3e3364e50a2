import { Alert, Anchor, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../ui/api';
import { useLogin } from '../session/sessionMutations';
import { useSessionQuery } from '../session/sessionQuery';
import { describeError } from '../shared/describeError';
import { AuthLayout } from './AuthLayout';
import { validateEmail, validateRequired } from './validation';

/** Only same-app paths: `?next=https://evil.example` must not turn login into an open redirect. */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function LoginPage() {
  const { t } = useTranslation('console');
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const session = useSessionQuery();
  const login = useLogin();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ email?: string | null; password?: string | null }>({});
  const next = safeNext(params.get('next'));

  if (session.data) return <Navigate to={next} replace />;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found = { email: validateEmail(email, t), password: validateRequired(password, t) };
    setErrors(found);
    if (found.email || found.password) return;
    login.mutate({ email: email.trim(), password }, { onSuccess: () => navigate(next, { replace: true }) });
  };

  const locked = login.error instanceof ApiError && login.error.status === 429;
  return (
    <AuthLayout title={t('login.title')}>
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          {login.error && (
            <Alert color="red" role="alert" title={locked ? t('common:errors.locked') : undefined}>
              {locked ? login.error.message : describeError(login.error, t)}
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
              setErrors((current) => ({ ...current, email: null }));
            }}
            error={errors.email}
          />
          <PasswordInput
            label={t('login.password')}
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => {
              setPassword(event.currentTarget.value);
              setErrors((current) => ({ ...current, password: null }));
            }}
            error={errors.password}
          />
          <Button type="submit" loading={login.isPending} fullWidth>
            {t('login.submit')}
          </Button>
          <Anchor component={Link} to="/forgot-password" size="sm" ta="center">
            {t('login.forgot')}
          </Anchor>
        </Stack>
      </form>
    </AuthLayout>
  );
}
