import { PasswordInput, Select, Switch, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../shared/FormModal';
import { useSaveForm } from '../shared/useSaveForm';
import { useNetworkFields, useSaveAccount } from './channelQueries';
import type { ChannelAccount, Network } from './channelTypes';

/**
 * One connection's form. Its fields are what the network's adapter on the server declares;
 * credentials are write-only: a set one shows «задан» and stays unless a new value is typed.
 */
export function AccountModal({ account, onClose }: { account: ChannelAccount | null; onClose: () => void }) {
  const { t } = useTranslation('console');
  const networks = useNetworkFields();
  const save = useSaveAccount();
  const [network, setNetwork] = useState<Network | null>(account?.network ?? null);
  const [title, setTitle] = useState(account?.title ?? '');
  const [enabled, setEnabled] = useState(account?.enabled ?? true);
  const [settings, setSettings] = useState<Record<string, string>>(account?.settings ?? {});
  const [secrets, setSecrets] = useState<Record<string, string>>({});
  const fields = networks.data?.find((n) => n.network === network);
  const form = useSaveForm({
    mutation: save,
    // Each input by its request path, so a refusal lands under the setting or secret it names.
    fields: [
      'network',
      'title',
      ...(fields?.settings ?? []).map((name) => `settings.${name}`),
      ...(fields?.secrets ?? []).map((name) => `secrets.${name}`),
    ],
    onSaved: onClose,
  });
  const label = (name: string) => t(`channels.fields.${name}`, { defaultValue: name });

  const submit = () =>
    form.submit(
      {
        ...(network ? {} : { network: t('channels.networkRequired') }),
        ...(title.trim() ? {} : { title: t('channels.titleRequired') }),
      },
      {
        id: account?.id,
        network: network as Network,
        title: title.trim(),
        enabled,
        settings: Object.fromEntries(
          (fields?.settings ?? []).map((name) => [name, (settings[name] ?? '').trim()]),
        ),
        // Only typed credentials travel: an empty input keeps the stored one.
        secrets: Object.fromEntries(Object.entries(secrets).filter(([, value]) => value !== '')),
      },
    );

  return (
    <FormModal
      title={t(account ? 'channels.edit' : 'channels.add')}
      size="lg"
      onClose={onClose}
      onSubmit={submit}
      formError={form.formError}
      pending={form.pending}
    >
      <Select
        label={t('channels.network')}
        required
        disabled={Boolean(account)}
        data={(networks.data ?? []).map((n) => ({
          value: n.network,
          label: t(`channels.networks.${n.network}`),
        }))}
        value={network}
        onChange={(value) => {
          form.clear('network');
          setNetwork(value as Network | null);
        }}
        error={form.errors.network}
        nothingFoundMessage={t('channels.noAdapters')}
        data-autofocus={account ? undefined : true}
      />
      <TextInput
        label={t('channels.title')}
        required
        maxLength={200}
        value={title}
        error={form.errors.title}
        onChange={(event) => {
          form.clear('title');
          setTitle(event.currentTarget.value);
        }}
      />
      {fields?.settings.map((name) => (
        <TextInput
          key={name}
          label={label(name)}
          maxLength={4000}
          value={settings[name] ?? ''}
          error={form.errors[`settings.${name}`]}
          onChange={(event) => {
            const value = event.currentTarget.value;
            form.clear(`settings.${name}`);
            setSettings((current) => ({ ...current, [name]: value }));
          }}
        />
      ))}
      {fields?.secrets.map((name) => {
        const isSet = account?.secretsSet.includes(name) ?? false;
        return (
          <PasswordInput
            key={name}
            label={label(name)}
            description={isSet ? t('channels.secretSet') : t('channels.secretNotSet')}
            placeholder={isSet ? t('channels.secretSetPlaceholder') : undefined}
            autoComplete="new-password"
            maxLength={4000}
            value={secrets[name] ?? ''}
            error={form.errors[`secrets.${name}`]}
            onChange={(event) => {
              const value = event.currentTarget.value;
              form.clear(`secrets.${name}`);
              setSecrets((current) => ({ ...current, [name]: value }));
            }}
          />
        );
      })}
      <Switch
        label={t('channels.enabled')}
        checked={enabled}
        onChange={(e) => setEnabled(e.currentTarget.checked)}
      />
    </FormModal>
  );
}
