import { PasswordInput, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, setSessionHandlers } from '../../ui/api';
import { FormModal } from '../shared/FormModal';
import { collectErrors, splitApiError } from '../shared/fieldErrors';
import { useFieldErrors } from '../shared/useFieldErrors';
import { useTwoFactorStatus } from '../twoFactor/twoFactorQueries';

interface Pending {
  confirmed: () => void;
  cancelled: (error: ApiError) => void;
}

/**
 * ASVS 3.7.1: when the server answers a dangerous action with `reauthentication_required`, asks
 * for the password (and the code with 2FA) once, then lets the API client repeat the action, so
 * the person does not click it again. Calls refused at the same time wait for the same dialog.
 */
export function ReauthenticationDialog() {
  const { t } = useTranslation('console');
  const [open, setOpen] = useState(false);
  const waiting = useRef<Pending[]>([]);
  const shared = useRef<Promise<void> | null>(null);

  useEffect(() => {
    setSessionHandlers({
      reauthenticate: () => {
        shared.current ??= new Promise<void>((confirmed, cancelled) => {
          waiting.current.push({ confirmed, cancelled });
          setOpen(true);
        }).finally(() => {
          shared.current = null;
        });
        return shared.current;
      },
    });
    return () => setSessionHandlers({ reauthenticate: undefined });
  }, []);

  const settle = (how: (pending: Pending) => void) => {
    const settled = waiting.current;
    waiting.current = [];
    setOpen(false);
    for (const pending of settled) how(pending);
  };
  if (!open) return null;
  return (
    <PasswordForm
      onConfirmed={() => settle((pending) => pending.confirmed())}
      onCancel={() =>
        settle((pending) =>
          pending.cancelled(
            new ApiError(403, 'reauthentication_cancelled', t('common:errors.reauthentication_cancelled')),
          ),
        )
      }
    />
  );
}

function PasswordForm({ onConfirmed, onCancel }: { onConfirmed: () => void; onCancel: () => void }) {
  const { t } = useTranslation('console');
  const twoFactor = useTwoFactorStatus();
  const needsCode = twoFactor.data?.enabled === true;
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const { errors, setErrors, clear } = useFieldErrors();
  const [formError, setFormError] = useState<string | null>(null);
  const confirm = useMutation({
    mutationFn: (input: { password: string; code?: string }) =>
      api<void>('POST', '/api/auth/reauthenticate', input),
  });

  const submit = () => {
    const found = collectErrors({
      password: password ? null : t('common:validation.required'),
      code: needsCode && !code.trim() ? t('common:validation.required') : null,
    });
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length > 0) return;
    confirm.mutate(
      { password, ...(needsCode ? { code: code.trim() } : {}) },
      {
        onSuccess: onConfirmed,
        onError: (error) => {
          const split = splitApiError(error, ['password', 'code'], t);
          setErrors(split.fields);
          setFormError(split.form);
        },
      },
    );
  };

  return (
    <FormModal
      title={t('reauth.title')}
      onClose={onCancel}
      onSubmit={submit}
      formError={formError}
      pending={confirm.isPending}
      submitLabel={t('reauth.submit')}
      zIndex={400}
      intro={<Text size="sm">{t('reauth.intro')}</Text>}
    >
      <PasswordInput
        label={t('login.password')}
        autoComplete="current-password"
        required
        data-autofocus
        value={password}
        onChange={(event) => {
          setPassword(event.currentTarget.value);
          clear('password');
        }}
        error={errors.password}
      />
      {needsCode && (
        <TextInput
          label={t('twoFactor.code')}
          description={t('twoFactor.codeOrRecoveryHint')}
          autoComplete="one-time-code"
          required
          value={code}
          onChange={(event) => {
            setCode(event.currentTarget.value);
            clear('code');
          }}
          error={errors.code}
        />
      )}
    </FormModal>
  );
}
