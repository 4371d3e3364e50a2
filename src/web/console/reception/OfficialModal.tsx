import { Switch, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { validateRequired } from '../auth/validation';
import { FormModal } from '../shared/FormModal';
import { collectErrors } from '../shared/fieldErrors';
import { useSaveForm } from '../shared/useSaveForm';
import { type Official, useSaveOfficial } from './receptionQueries';

/** Rendered only while open; `official` null adds a new one. */
export function OfficialModal({ official, onClose }: { official: Official | null; onClose: () => void }) {
  const { t } = useTranslation('console');
  const form = useSaveForm({ mutation: useSaveOfficial(), fields: ['name', 'position'], onSaved: onClose });
  const [name, setName] = useState(official?.name ?? '');
  const [position, setPosition] = useState(official?.position ?? '');
  const [active, setActive] = useState(official?.active ?? true);

  const onSubmit = () =>
    form.submit(collectErrors({ name: validateRequired(name, t), position: validateRequired(position, t) }), {
      id: official?.id,
      name: name.trim(),
      position: position.trim(),
      active,
    });

  return (
    <FormModal
      title={t(official ? 'reception.officials.edit' : 'reception.officials.add')}
      onClose={onClose}
      onSubmit={onSubmit}
      formError={form.formError}
      pending={form.pending}
    >
      <TextInput
        label={t('reception.officials.name')}
        required
        value={name}
        error={form.errors.name}
        onChange={(event) => {
          form.clear('name');
          setName(event.currentTarget.value);
        }}
        data-autofocus
      />
      <TextInput
        label={t('reception.officials.position')}
        required
        value={position}
        error={form.errors.position}
        onChange={(event) => {
          form.clear('position');
          setPosition(event.currentTarget.value);
        }}
      />
      {official && (
        <Switch
          label={t('reception.officials.active')}
          description={t('reception.officials.activeHint')}
          checked={active}
          onChange={(event) => setActive(event.currentTarget.checked)}
        />
      )}
    </FormModal>
  );
}
