import { Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { validateRequired } from '../auth/validation';
import { FormModal } from '../shared/FormModal';
import { collectErrors } from '../shared/fieldErrors';
import { useSaveForm } from '../shared/useSaveForm';
import { useOpenWalkIn } from './cardQueries';
import type { Slot } from './receptionQueries';

const FIELDS = ['name', 'phone', 'email', 'topic'];

/** A citizen who came without booking is received on a free slot: the card opens at once. */
export function WalkInModal({ slot, when, onClose }: { slot: Slot; when: string; onClose: () => void }) {
  const { t } = useTranslation('console');
  const navigate = useNavigate();
  const form = useSaveForm({
    mutation: useOpenWalkIn(),
    fields: FIELDS,
    onSaved: (card) => navigate(`/reception/cards/${card.id}`),
    savedMessage: () => t('reception.walkIn.opened'),
  });
  const [values, setValues] = useState({ name: '', phone: '', email: '', topic: '' });
  const field = (key: keyof typeof values) => ({
    value: values[key],
    error: form.errors[key],
    onChange: (event: { currentTarget: { value: string } }) => {
      form.clear(key);
      const value = event.currentTarget.value;
      setValues((current) => ({ ...current, [key]: value }));
    },
  });
  const onSubmit = () =>
    form.submit(
      collectErrors({ name: validateRequired(values.name, t), topic: validateRequired(values.topic, t) }),
      {
        slotId: slot.id,
        name: values.name.trim(),
        phone: values.phone.trim(),
        email: values.email.trim(),
        topic: values.topic.trim(),
      },
    );
  return (
    <FormModal
      title={t('reception.walkIn.title')}
      onClose={onClose}
      onSubmit={onSubmit}
      formError={form.formError}
      pending={form.pending}
      submitLabel={t('reception.walkIn.submit')}
      intro={
        <Text size="sm">
          {when}, {slot.official.name}
          {slot.room ? `, ${slot.room.name}` : ''}
        </Text>
      }
    >
      <TextInput label={t('reception.booking.name')} required {...field('name')} data-autofocus />
      <TextInput label={t('reception.booking.phone')} type="tel" {...field('phone')} />
      <TextInput label={t('reception.booking.email')} type="email" {...field('email')} />
      <Textarea label={t('reception.booking.topic')} required autosize minRows={3} {...field('topic')} />
    </FormModal>
  );
}
