import {
  Alert,
  Button,
  Checkbox,
  Fieldset,
  Group,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { validateRequired } from '../auth/validation';
import { collectErrors } from '../shared/fieldErrors';
import { useSaveForm } from '../shared/useSaveForm';
import { formatCardDateTime } from './cardFormat';
import { type Preparation, type ReceptionCard, usePrepareCard } from './cardQueries';

const FIELDS = [
  'name',
  'phone',
  'email',
  'postalAddress',
  'topic',
  'identityChecked',
  'recordingConsent',
  'roomId',
];
const CONSENT = { yes: true, no: false } as const;

const preparationOf = (card: ReceptionCard): Preparation => ({
  name: card.name,
  phone: card.phone ?? '',
  email: card.email ?? '',
  postalAddress: card.postalAddress ?? '',
  topic: card.topic,
  identityChecked: card.identityCheckedAt !== null,
  recordingConsent: card.recordingConsent,
  roomId: card.room?.id ?? null,
});

/**
 * Step 1 (seed 003 p. 35.2): the identity document checked against the card — only the fact is
 * kept — the missing client data, and the consent to recording, which decides the room.
 */
export function CardPreparation({ card, timeZone }: { card: ReceptionCard; timeZone: string | undefined }) {
  const { t } = useTranslation('console');
  const [values, setValues] = useState(() => preparationOf(card));
  const form = useSaveForm({ mutation: usePrepareCard(card.id), fields: FIELDS, onSaved: () => undefined });
  const readOnly = card.closed || !card.canPrepare;
  const set = <K extends keyof Preparation>(key: K, value: Preparation[K]) => {
    form.clear(key);
    setValues((current) => ({ ...current, [key]: value }));
  };
  const text = (key: 'name' | 'phone' | 'email' | 'postalAddress' | 'topic') => ({
    value: values[key],
    error: form.errors[key],
    readOnly,
    onChange: (event: { currentTarget: { value: string } }) => set(key, event.currentTarget.value),
  });
  const room = card.rooms.find((r) => r.id === values.roomId) ?? (values.roomId ? null : card.slotRoom);
  const anyVideo = card.rooms.some((r) => r.videoRecording) || card.slotRoom?.videoRecording;
  const rooms = card.rooms
    .filter((r) => values.recordingConsent !== false || !r.videoRecording)
    .map((r) => ({
      value: r.id,
      label: r.videoRecording ? `${r.name} — ${t('reception.card.withVideo')}` : r.name,
    }));

  const onSubmit = () => {
    const { identityChecked, ...rest } = values;
    const changedCheck = identityChecked !== (card.identityCheckedAt !== null);
    form.submit(
      collectErrors({ name: validateRequired(values.name, t), topic: validateRequired(values.topic, t) }),
      {
        ...rest,
        ...(changedCheck ? { identityChecked } : {}),
      } as Preparation,
    );
  };

  return (
    <Stack
      component="form"
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      {form.formError && <Alert color="red">{form.formError}</Alert>}
      <Fieldset legend={t('reception.card.identity')}>
        <Stack gap="sm">
          <Checkbox
            label={t('reception.card.identityChecked')}
            description={t('reception.card.identityHint')}
            checked={values.identityChecked}
            disabled={readOnly}
            error={form.errors.identityChecked}
            onChange={(event) => set('identityChecked', event.currentTarget.checked)}
          />
          {card.identityCheckedAt && (
            <Text size="xs" c="dimmed">
              {t('reception.card.identityCheckedAt', {
                when: formatCardDateTime(card.identityCheckedAt, timeZone),
              })}
            </Text>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('reception.booking.name')} required {...text('name')} />
            <TextInput label={t('reception.booking.phone')} type="tel" {...text('phone')} />
            <TextInput label={t('reception.booking.email')} type="email" {...text('email')} />
            <TextInput label={t('reception.card.postalAddress')} {...text('postalAddress')} />
          </SimpleGrid>
          <Textarea label={t('reception.booking.topic')} required autosize minRows={2} {...text('topic')} />
        </Stack>
      </Fieldset>
      <Fieldset legend={t('reception.card.recording')}>
        <Stack gap="sm">
          <Text size="sm">
            {anyVideo ? t('reception.card.recordingInform') : t('reception.card.noRecordingRooms')}
          </Text>
          <Radio.Group
            label={t('reception.card.recordingConsent')}
            value={values.recordingConsent === null ? '' : values.recordingConsent ? 'yes' : 'no'}
            error={form.errors.recordingConsent}
            onChange={(value) => set('recordingConsent', CONSENT[value as keyof typeof CONSENT])}
          >
            <Group mt="xs">
              <Radio value="yes" label={t('reception.card.consentYes')} disabled={readOnly} />
              <Radio value="no" label={t('reception.card.consentNo')} disabled={readOnly} />
            </Group>
          </Radio.Group>
          <Select
            label={t('reception.card.room')}
            description={values.recordingConsent === false ? t('reception.card.roomWithoutVideo') : undefined}
            placeholder={card.slotRoom ? card.slotRoom.name : t('reception.generate.noRoom')}
            data={rooms}
            value={values.roomId}
            clearable
            readOnly={readOnly}
            error={form.errors.roomId}
            onChange={(value) => set('roomId', value)}
          />
          {room?.videoRecording && values.recordingConsent === false && (
            <Alert color="orange">{t('reception.card.roomHasVideo')}</Alert>
          )}
        </Stack>
      </Fieldset>
      {!readOnly && (
        <Group>
          <Button type="submit" loading={form.pending}>
            {t('reception.card.savePreparation')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
