import { Group, Radio, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { validateRequired } from '../auth/validation';
import { FormModal } from '../shared/FormModal';
import { collectErrors } from '../shared/fieldErrors';
import { useSaveForm } from '../shared/useSaveForm';
import { type BookingInput, type Slot, useBookSlot } from './receptionQueries';

const FIELDS = ['name', 'phone', 'email', 'topic', 'source'];

/** Books a free slot for someone who asked in writing or in person; rendered only while open. */
export function BookingModal({ slot, when, onClose }: { slot: Slot; when: string; onClose: () => void }) {
  const { t } = useTranslation('console');
  const form = useSaveForm({
    mutation: useBookSlot(),
    fields: FIELDS,
    onSaved: onClose,
    savedMessage: () => t('reception.booking.booked'),
  });
  const [source, setSource] = useState<BookingInput['source']>('written');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  const [topic, setTopic] = useState('');

  const onSubmit = () =>
    form.submit(
      collectErrors({
        name: validateRequired(name, t),
        topic: validateRequired(topic, t),
      }),
      {
        slotId: slot.id,
        source,
        name: name.trim(),
        phone: phone.trim(),
        email: email.trim(),
        topic: topic.trim(),
      },
    );
  const field = (key: string, set: (value: string) => void) => ({
    error: form.errors[key],
    onChange: (event: { currentTarget: { value: string } }) => {
      form.clear(key);
      set(event.currentTarget.value);
    },
  });

  return (
    <FormModal
      title={t('reception.booking.title')}
      onClose={onClose}
      onSubmit={onSubmit}
      formError={form.formError}
      pending={form.pending}
      submitLabel={t('reception.booking.submit')}
      intro={
        <Text size="sm">
          {when}, {slot.official.name}
          {slot.room ? `, ${slot.room.name}` : ''}
        </Text>
      }
    >
      <Radio.Group
        label={t('reception.booking.source')}
        required
        value={source}
        error={form.errors.source}
        onChange={(value) => setSource(value as BookingInput['source'])}
      >
        <Group mt="xs">
          <Radio value="written" label={t('reception.source.written')} />
          <Radio value="oral" label={t('reception.source.oral')} />
        </Group>
      </Radio.Group>
      <TextInput
        label={t('reception.booking.name')}
        required
        value={name}
        {...field('name', setName)}
        data-autofocus
      />
      <TextInput
        label={t('reception.booking.phone')}
        type="tel"
        value={phone}
        {...field('phone', setPhone)}
      />
      <TextInput
        label={t('reception.booking.email')}
        type="email"
        value={email}
        {...field('email', setEmail)}
      />
      <Textarea
        label={t('reception.booking.topic')}
        required
        autosize
        minRows={3}
        value={topic}
        {...field('topic', setTopic)}
      />
    </FormModal>
  );
}
