import { Switch, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { validateRequired } from '../auth/validation';
import { FormModal } from '../shared/FormModal';
import { collectErrors } from '../shared/fieldErrors';
import { useSaveForm } from '../shared/useSaveForm';
import { type Room, useSaveRoom } from './receptionQueries';

/** Rendered only while open; `room` null adds a new one. */
export function RoomModal({ room, onClose }: { room: Room | null; onClose: () => void }) {
  const { t } = useTranslation('console');
  const form = useSaveForm({ mutation: useSaveRoom(), fields: ['name', 'videoRecording'], onSaved: onClose });
  const [name, setName] = useState(room?.name ?? '');
  const [videoRecording, setVideoRecording] = useState(room?.videoRecording ?? false);

  const onSubmit = () =>
    form.submit(collectErrors({ name: validateRequired(name, t) }), {
      id: room?.id,
      name: name.trim(),
      videoRecording,
    });

  return (
    <FormModal
      title={t(room ? 'reception.rooms.edit' : 'reception.rooms.add')}
      onClose={onClose}
      onSubmit={onSubmit}
      formError={form.formError}
      pending={form.pending}
    >
      <TextInput
        label={t('reception.rooms.name')}
        required
        value={name}
        error={form.errors.name}
        onChange={(event) => {
          form.clear('name');
          setName(event.currentTarget.value);
        }}
        data-autofocus
      />
      <Switch
        label={t('reception.rooms.videoRecording')}
        checked={videoRecording}
        onChange={(event) => setVideoRecording(event.currentTarget.checked)}
      />
    </FormModal>
  );
}
