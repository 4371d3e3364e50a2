import { Button, Code, Group, Image, List, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConsoleModal } from '../shared/ConsoleModal';
import { FormModal } from '../shared/FormModal';
import { QueryStatus } from '../shared/QueryStatus';
import { useSaveForm } from '../shared/useSaveForm';
import {
  type TwoFactorSetup,
  useConfirmTwoFactor,
  useDisableTwoFactor,
  useTwoFactorSetup,
  useTwoFactorStatus,
} from './twoFactorQueries';

/**
 * The person's own second factor (ASVS 2.8): enrol with a QR code, or turn it off. `reason` says
 * above the enrolment why it is asked for.
 */
export function TwoFactorModal({ onClose, reason }: { onClose: () => void; reason?: ReactNode }) {
  const status = useTwoFactorStatus();
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  if (recoveryCodes) return <RecoveryCodes codes={recoveryCodes} onClose={onClose} />;
  if (!status.data) return <QueryStatus query={status} rows={2} />;
  return status.data.enabled ? (
    <DisableForm recoveryCodesLeft={status.data.recoveryCodesLeft} onClose={onClose} />
  ) : (
    <Enrolment onClose={onClose} onEnabled={setRecoveryCodes} reason={reason} />
  );
}

interface EnrolmentProps {
  onClose: () => void;
  onEnabled: (codes: string[]) => void;
  reason?: ReactNode;
}

function Enrolment(props: EnrolmentProps) {
  const setup = useTwoFactorSetup();
  if (!setup.data) return <QueryStatus query={setup} rows={4} />;
  return <EnrolmentForm setup={setup.data} {...props} />;
}

function EnrolmentForm({ setup, onClose, onEnabled, reason }: EnrolmentProps & { setup: TwoFactorSetup }) {
  const { t } = useTranslation('console');
  const confirm = useConfirmTwoFactor();
  const form = useSaveForm({
    mutation: confirm,
    fields: ['code'],
    onSaved: (result) => onEnabled(result.recoveryCodes),
    savedMessage: () => t('twoFactor.enabled'),
  });
  const [code, setCode] = useState('');
  return (
    <FormModal
      title={t('twoFactor.enrolTitle')}
      onClose={onClose}
      onSubmit={() =>
        form.submit(code.trim() ? {} : { code: t('common:validation.required') }, { code: code.trim() })
      }
      formError={form.formError}
      pending={form.pending}
      submitLabel={t('twoFactor.enable')}
      intro={reason}
    >
      <Text size="sm">{t('twoFactor.scan')}</Text>
      <Group justify="center">
        <Image src={setup.qr} alt={t('twoFactor.qrAlt')} w={200} h={200} />
      </Group>
      <Stack gap={4}>
        <Text size="sm">{t('twoFactor.manual')}</Text>
        <Code block aria-label={t('twoFactor.secret')}>
          {setup.secret.replace(/(.{4})/g, '$1 ').trim()}
        </Code>
      </Stack>
      <TextInput
        label={t('twoFactor.code')}
        description={t('twoFactor.codeHint')}
        autoComplete="one-time-code"
        inputMode="numeric"
        maxLength={6}
        required
        value={code}
        error={form.errors.code}
        onChange={(event) => {
          form.clear('code');
          setCode(event.currentTarget.value);
        }}
      />
    </FormModal>
  );
}

function RecoveryCodes({ codes, onClose }: { codes: string[]; onClose: () => void }) {
  const { t } = useTranslation('console');
  return (
    <ConsoleModal opened onClose={onClose} title={t('twoFactor.recoveryTitle')}>
      <Stack>
        <Text size="sm">{t('twoFactor.recoveryHint')}</Text>
        <List spacing={4} aria-label={t('twoFactor.recoveryTitle')}>
          {codes.map((code) => (
            <List.Item key={code}>
              <Code>{code}</Code>
            </List.Item>
          ))}
        </List>
        <Group justify="flex-end">
          <Button onClick={onClose}>{t('twoFactor.recoverySaved')}</Button>
        </Group>
      </Stack>
    </ConsoleModal>
  );
}

function DisableForm({ recoveryCodesLeft, onClose }: { recoveryCodesLeft: number; onClose: () => void }) {
  const { t } = useTranslation('console');
  const disable = useDisableTwoFactor();
  const form = useSaveForm({
    mutation: disable,
    fields: ['password', 'code'],
    onSaved: onClose,
    savedMessage: () => t('twoFactor.disabled'),
  });
  const [draft, setDraft] = useState({ password: '', code: '' });
  const required = t('common:validation.required');
  return (
    <FormModal
      title={t('twoFactor.title')}
      onClose={onClose}
      onSubmit={() =>
        form.submit(
          {
            ...(draft.password ? {} : { password: required }),
            ...(draft.code.trim() ? {} : { code: required }),
          },
          { password: draft.password, code: draft.code.trim() },
        )
      }
      formError={form.formError}
      pending={form.pending}
      submitLabel={t('twoFactor.disable')}
      intro={
        <Text size="sm">
          {t('twoFactor.isOn')} {t('twoFactor.codesLeft', { count: recoveryCodesLeft })}
        </Text>
      }
    >
      <PasswordInput
        label={t('login.password')}
        autoComplete="current-password"
        required
        value={draft.password}
        error={form.errors.password}
        onChange={(event) => {
          form.clear('password');
          setDraft({ ...draft, password: event.currentTarget.value });
        }}
      />
      <TextInput
        label={t('twoFactor.code')}
        description={t('twoFactor.codeOrRecoveryHint')}
        autoComplete="one-time-code"
        required
        value={draft.code}
        error={form.errors.code}
        onChange={(event) => {
          form.clear('code');
          setDraft({ ...draft, code: event.currentTarget.value });
        }}
      />
    </FormModal>
  );
}
