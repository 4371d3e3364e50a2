import { Checkbox, Select, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ClientContact, CONTACT_KINDS, type ContactKind } from '../../../common/clients';
import { validateRequired } from '../auth/validation';
import { FormModal } from '../shared/FormModal';
import { collectErrors } from '../shared/fieldErrors';
import { useSaveForm } from '../shared/useSaveForm';
import { useSaveContact } from './clientQueries';

interface ContactModalProps {
  clientId: string;
  /** null = a new contact */
  contact: ClientContact | null;
  onClose: () => void;
}

/** Adds a contact or edits one; the kind of an existing contact stays as it is. */
export function ContactModal({ clientId, contact, onClose }: ContactModalProps) {
  const { t } = useTranslation('console');
  const form = useSaveForm({
    mutation: useSaveContact(clientId),
    fields: ['kind', 'value'],
    onSaved: onClose,
  });
  const [kind, setKind] = useState<ContactKind>(contact?.kind ?? 'email');
  const [value, setValue] = useState(contact?.value ?? '');
  const [verified, setVerified] = useState(contact?.verified ?? false);

  const onSubmit = () =>
    form.submit(collectErrors({ value: validateRequired(value, t) }), {
      contactId: contact?.id,
      kind,
      value: value.trim(),
      verified,
    });

  return (
    <FormModal
      title={t(contact ? 'clients.contacts.edit' : 'clients.contacts.add')}
      onClose={onClose}
      onSubmit={onSubmit}
      formError={form.formError}
      pending={form.pending}
    >
      <Select
        label={t('clients.contacts.kind')}
        data={CONTACT_KINDS.map((k) => ({ value: k, label: t(`clients.contactKinds.${k}`) }))}
        value={kind}
        onChange={(next) => next && setKind(next as ContactKind)}
        disabled={contact !== null}
        allowDeselect={false}
        error={form.errors.kind}
      />
      <TextInput
        label={t('clients.contacts.value')}
        description={t(`clients.contacts.hints.${kind}`)}
        required
        maxLength={500}
        value={value}
        error={form.errors.value}
        onChange={(event) => {
          form.clear('value');
          setValue(event.currentTarget.value);
        }}
        data-autofocus
      />
      <Checkbox
        label={t('clients.contacts.verified')}
        checked={verified}
        onChange={(event) => setVerified(event.currentTarget.checked)}
      />
    </FormModal>
  );
}
