import { Alert, Anchor, PasswordInput, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../../../common/passwords';
import { usePasswordResetConfirm } from '../session/sessionMutations';
import { collectErrors } from '../shared/fieldErrors';
import { useDraft } from '../shared/useDraft';
import { useFieldErrors } from '../shared/useFieldErrors';
import { AuthForm } from './AuthForm';
import { AuthLayout } from './AuthLayout';
import { validateNewPassword } from './validation';

export function ResetPasswordPage() {
  const { t } = useTranslation('console');
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const confirm = usePasswordResetConfirm();
  const token = params.get('token') ?? '';
  const { errors, setErrors, clear } = useFieldErrors();
  const { draft, set } = useDraft({ password: '', repeat: '' }, clear);

  const onSubmit = () => {
    const { password, repeat } = draft;
    const found = collectErrors({
      password: validateNewPassword(password, t),
      repeat: repeat === password ? null : t('common:validation.passwordsMismatch'),
    });
    setErrors(found);
    if (Object.keys(found).length > 0) return;
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
    <AuthForm
      title={t('reset.title')}
      onSubmit={onSubmit}
      error={confirm.error}
      pending={confirm.isPending}
      submitLabel={t('reset.submit')}
      link={{ to: '/forgot-password', label: t('reset.requestNew') }}
    >
      <PasswordInput
        label={t('reset.password')}
        description={t('reset.passwordHint', { min: MIN_PASSWORD_LENGTH, max: MAX_PASSWORD_LENGTH })}
        autoComplete="new-password"
        required
        value={draft.password}
        onChange={(event) => set('password', event.currentTarget.value)}
        error={errors.password}
      />
      <PasswordInput
        label={t('reset.repeat')}
        autoComplete="new-password"
        required
        value={draft.repeat}
        onChange={(event) => set('repeat', event.currentTarget.value)}
        error={errors.repeat}
      />
    </AuthForm>
  );
}
