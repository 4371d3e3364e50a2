import { Alert, Anchor, Button, PasswordInput, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { usePasswordResetConfirm } from '../session/sessionMutations';
import { describeError } from '../shared/describeError';
import { AuthLayout } from './AuthLayout';
import { MIN_PASSWORD_LENGTH, validateNewPassword } from './validation';

export function ResetPasswordPage() {
  const { t } = useTranslation('console');
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const confirm = usePasswordResetConfirm();
  const token = params.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<{ password?: string | null; repeat?: string | null }>({});

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found = {
      password: validateNewPassword(password, t),
      repeat: repeat === password ? null : t('common:validation.passwordsMismatch'),
    };
    setErrors(found);
    if (found.password || found.repeat) return;
    confirm.mutate(
      { token, password },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t('reset.done') });
          navigate('/login', { replace: true });
        },
      },
    );
  };

  if (!token) {
    return (
      <AuthLayout title={t('reset.title')}>
        <Stack>
          <Alert color="red">{t('common:errors.invalid_token')}</Alert>
          <Anchor component={Link} to="/forgot-password">
            {t('reset.requestNew')}
          </Anchor>
        </Stack>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout title={t('reset.title')}>
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          {confirm.error && (
            <Alert color="red" role="alert">
              {describeError(confirm.error, t)}
            </Alert>
          )}
          <PasswordInput
            label={t('reset.password')}
            description={t('reset.passwordHint', { count: MIN_PASSWORD_LENGTH })}
            autoComplete="new-password"
            required
            value={password}
            onChange={(event) => {
              setPassword(event.currentTarget.value);
              setErrors((current) => ({ ...current, password: null }));
            }}
            error={errors.password}
          />
          <PasswordInput
            label={t('reset.repeat')}
            autoComplete="new-password"
            required
            value={repeat}
            onChange={(event) => {
              setRepeat(event.currentTarget.value);
              setErrors((current) => ({ ...current, repeat: null }));
            }}
            error={errors.repeat}
          />
          <Button type="submit" loading={confirm.isPending} fullWidth>
            {t('reset.submit')}
          </Button>
          <Anchor component={Link} to="/forgot-password" size="sm" ta="center">
            {t('reset.requestNew')}
          </Anchor>
        </Stack>
      </form>
    </AuthLayout>
  );
}
