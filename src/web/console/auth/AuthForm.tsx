import { Alert, Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { describeError } from '../shared/describeError';
import { AuthLayout } from './AuthLayout';

interface AuthFormProps {
  title: string;
  /** A line of explanation above the form. */
  hint?: string;
  /** Why the person is here, e.g. their session ended; shown above everything else. */
  notice?: { title: string; text: string } | null;
  onSubmit: () => void;
  /** The failed call, shown above the inputs. */
  error: unknown;
  /** Overrides the alert's usual title and text, e.g. for a locked account. */
  errorTitle?: string;
  errorText?: string;
  pending: boolean;
  submitLabel: string;
  /** The way elsewhere, under the button. */
  link: { to: string; label: string };
  children: ReactNode;
}

const BLACK_TITLE = { title: { color: 'var(--mantine-color-black)' } };

/** The form on a sign-in page: inputs, one full-width button and a link under it. */
export function AuthForm({
  title,
  hint,
  notice,
  onSubmit,
  error,
  errorTitle,
  errorText,
  pending,
  submitLabel,
  link,
  children,
}: AuthFormProps) {
  const { t } = useTranslation('console');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <AuthLayout title={title}>
      <form onSubmit={submit} noValidate>
        <Stack>
          {notice && (
            // The tinted title fails WCAG AA contrast on yellow: it is black, like the text.
            <Alert color="yellow" role="status" title={notice.title} styles={BLACK_TITLE}>
              {notice.text}
            </Alert>
          )}
          {hint && <Text size="sm">{hint}</Text>}
          {Boolean(error) && (
            <Alert color="red" role="alert" title={errorTitle}>
              {errorText ?? describeError(error, t)}
            </Alert>
          )}
          {children}
          <Button type="submit" loading={pending} fullWidth>
            {submitLabel}
          </Button>
          <Anchor component={Link} to={link.to} size="sm" ta="center">
            {link.label}
          </Anchor>
        </Stack>
      </form>
    </AuthLayout>
  );
}

interface EmailInputProps {
  value: string;
  error: string | null | undefined;
  onChange: (value: string) => void;
}

/** The address a staff account signs in with. */
export function EmailInput({ value, error, onChange }: EmailInputProps) {
  const { t } = useTranslation('console');
  return (
    <TextInput
      label={t('login.email')}
      type="email"
      autoComplete="username"
      required
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      error={error}
    />
  );
}
