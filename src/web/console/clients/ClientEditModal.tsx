import { SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CLIENT_KINDS, type ClientDetail, type ClientKind } from '../../../common/clients';
import { validateRequired } from '../auth/validation';
import { FormModal } from '../shared/FormModal';
import { collectErrors } from '../shared/fieldErrors';
import { useSaveForm } from '../shared/useSaveForm';
import { useUpdateClient } from './clientQueries';

const FIELDS = ['kind', 'name', 'organisationName', 'inn', 'postalAddress'] as const;
type Field = Exclude<(typeof FIELDS)[number], 'kind'>;

/** The record itself; contacts have their own dialog. Rendered only while open. */
export function ClientEditModal({ client, onClose }: { client: ClientDetail; onClose: () => void }) {
  const { t } = useTranslation('console');
  const form = useSaveForm({ mutation: useUpdateClient(client.id), fields: FIELDS, onSaved: onClose });
  const [kind, setKind] = useState<ClientKind>(client.kind);
  const [values, setValues] = useState<Record<Field, string>>({
    name: client.name,
    organisationName: client.organisationName ?? '',
    inn: client.inn ?? '',
    postalAddress: client.postalAddress ?? '',
  });
  const set = (field: Field, value: string) => {
    form.clear(field);
    setValues((current) => ({ ...current, [field]: value }));
  };
  const inn = values.inn.trim();

  const onSubmit = () =>
    form.submit(
      collectErrors({
        name: validateRequired(values.name, t),
        inn: inn && !/^(\d{10}|\d{12})$/.test(inn) ? t('clients.fields.innInvalid') : null,
      }),
      {
        kind,
        name: values.name.trim(),
        organisationName: values.organisationName.trim() || null,
        inn: inn || null,
        postalAddress: values.postalAddress.trim() || null,
      },
    );

  const input = (field: Field, extra: { required?: boolean; description?: string; maxLength: number }) => (
    <TextInput
      label={t(`clients.fields.${field}`)}
      value={values[field]}
      error={form.errors[field]}
      onChange={(event) => set(field, event.currentTarget.value)}
      {...extra}
    />
  );

  return (
    <FormModal
      title={t('clients.card.edit')}
      onClose={onClose}
      onSubmit={onSubmit}
      formError={form.formError}
      pending={form.pending}
    >
      <Stack gap={4}>
        <Text size="sm" fw={500} id="client-kind-label">
          {t('clients.fields.kind')}
        </Text>
        <SegmentedControl
          aria-labelledby="client-kind-label"
          value={kind}
          onChange={(value) => setKind(value as ClientKind)}
          data={CLIENT_KINDS.map((value) => ({ value, label: t(`clients.kinds.${value}`) }))}
        />
      </Stack>
      {input('name', { required: true, maxLength: 300 })}
      {input('organisationName', { maxLength: 500 })}
      {input('inn', { description: t('clients.fields.innHint'), maxLength: 12 })}
      {input('postalAddress', { maxLength: 500 })}
    </FormModal>
  );
}
