import { PasswordInput, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../ui/api';
import { useLogin } from '../session/sessionMutations';
import { useSessionQuery } from '../session/sessionQuery';
import { collectErrors } from '../shared/fieldErrors';
import { useDraft } from '../shared/useDraft';
import { useFieldErrors } from '../shared/useFieldErrors';
import { AuthForm, EmailInput } from './AuthForm';
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
  const { errors, setErrors, clear } = useFieldErrors();
  const { draft, set } = useDraft({ email: '', password: '', code: '' }, clear);
  // The server asks for the second factor only after the right password.
  const [askCode, setAskCode] = useState(false);
  const next = safeNext(params.get('next'));
  const reason = params.get('reason');
  const notice =
    reason === 'idle' || reason === 'signedOut'
      ? { title: t(`login.ended.${reason}.title`), text: t(`login.ended.${reason}.text`) }
      : null;

  if (session.data) return <Navigate to={next} replace />;

  const onSubmit = () => {
    const { email, password, code } = draft;
    const found = collectErrors({
      email: validateEmail(email, t),
      password: validateRequired(password, t),
      code: askCode ? validateRequired(code, t) : null,
    });
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    login.mutate(
      { email: email.trim(), password, ...(askCode ? { code: code.trim() } : {}) },
      {
        onSuccess: () => navigate(next, { replace: true }),
        onError: (error) => {
          if (error instanceof ApiError && error.code === 'two_factor_required') setAskCode(true);
        },
      },
    );
  };

  // Too many failed attempts: the server's message says how long to wait.
  const locked = login.error instanceof ApiError && login.error.status === 429;
  const codeAsked = login.error instanceof ApiError && login.error.code === 'two_factor_required';
  return (
    <AuthForm
      title={t('login.title')}
      notice={notice}
      onSubmit={onSubmit}
      hint={askCode ? t('login.codeHint') : undefined}
      error={codeAsked ? null : login.error}
      errorTitle={locked ? t('common:errors.locked') : undefined}
      errorText={locked ? login.error?.message : undefined}
      pending={login.isPending}
      submitLabel={t('login.submit')}
      link={{ to: '/forgot-password', label: t('login.forgot') }}
    >
      <EmailInput value={draft.email} onChange={(value) => set('email', value)} error={errors.email} />
      <PasswordInput
        label={t('login.password')}
        autoComplete="current-password"
        required
        value={draft.password}
        onChange={(event) => set('password', event.currentTarget.value)}
        error={errors.password}
      />
      {askCode && (
        <TextInput
          label={t('twoFactor.code')}
          description={t('twoFactor.codeOrRecoveryHint')}
          autoComplete="one-time-code"
          required
          value={draft.code}
          onChange={(event) => set('code', event.currentTarget.value)}
          error={errors.code}
          // It appears only after the password was accepted: the person types the code next.
          autoFocus
        />
      )}
    </AuthForm>
  );
}
