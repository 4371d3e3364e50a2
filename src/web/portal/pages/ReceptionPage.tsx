import { Alert, Checkbox, Radio, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { IconCalendarCheck } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../ui/api';
import { SubmitRow } from '../forms/SubmitRow';
import { useAgency } from '../layout/AgencyLayout';
import { PageHeading } from '../layout/PageHeading';
import { pageTrail } from '../navigation/siteStructure';
import { type BookingInput, bookSlot, type PublicSlot, useReceptionSlots } from '../reception/receptionApi';
import fieldClasses from '../requests/fields.module.css';

type Field = 'slotId' | 'name' | 'email' | 'phone' | 'topic' | 'consent';

function byDay(slots: PublicSlot[], timeZone: string, locale: string) {
  const day = new Intl.DateTimeFormat(locale, { timeZone, weekday: 'long', day: 'numeric', month: 'long' });
  const groups = new Map<string, PublicSlot[]>();
  for (const slot of slots) {
    const key = day.format(new Date(slot.startsAt));
    groups.set(key, [...(groups.get(key) ?? []), slot]);
  }
  return [...groups.entries()];
}

/** «Запись на приём» (seed 003 p. 28): free times of the head and authorised officials, then a short form. */
export function ReceptionPage() {
  const { t, i18n } = useTranslation('portal');
  const agency = useAgency();
  const queryClient = useQueryClient();
  const slots = useReceptionSlots(agency.slug);
  const [form, setForm] = useState<BookingInput>({
    slotId: '',
    name: '',
    phone: '',
    email: '',
    topic: '',
    consent: false,
  });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [state, setState] = useState<'idle' | 'sending' | 'booked' | 'failed'>('idle');
  const [failure, setFailure] = useState<string | null>(null);
  const [bookedAt, setBookedAt] = useState<string | null>(null);
  const time = new Intl.DateTimeFormat(i18n.language, {
    timeZone: agency.timezone,
    hour: '2-digit',
    minute: '2-digit',
  });
  const when = new Intl.DateTimeFormat(i18n.language, {
    timeZone: agency.timezone,
    dateStyle: 'long',
    timeStyle: 'short',
  });

  const set = (field: Field, value: string | boolean) => {
    setErrors((current) => ({ ...current, [field]: undefined }));
    setForm((current) => ({ ...current, [field]: value }));
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problems: Partial<Record<Field, string>> = {};
    if (!form.slotId) problems.slotId = t('reception.slotRequired');
    if (!form.name.trim()) problems.name = t('reception.nameRequired');
    if (!form.topic.trim()) problems.topic = t('reception.topicRequired');
    if (!form.consent) problems.consent = t('reception.consentRequired');
    setErrors(problems);
    const first = Object.keys(problems)[0];
    if (first) {
      document.getElementById(`reception-${first}`)?.focus();
      return;
    }
    setState('sending');
    try {
      const booking = await bookSlot(agency.slug, {
        ...form,
        name: form.name.trim(),
        topic: form.topic.trim(),
      });
      setBookedAt(booking.startsAt);
      setState('booked');
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 409) {
        await queryClient.invalidateQueries({ queryKey: ['public', 'reception', agency.slug] });
        setForm((current) => ({ ...current, slotId: '' }));
      }
      if (caught instanceof ApiError && caught.field?.startsWith('body.')) {
        setErrors({ [caught.field.slice(5)]: caught.message });
      }
      setFailure(caught instanceof ApiError && caught.status < 500 ? caught.message : t('reception.failed'));
      setState('failed');
    }
  }

  const free = (slots.data ?? []).filter((slot) => slot.available);

  return (
    <>
      <PageHeading
        title={t('menu.reception')}
        trail={pageTrail(agency.slug, 'reception', (page) => t(`menu.${page.key}`))}
        siteName={agency.shortName}
      />
      <Stack gap="lg" maw="48rem">
        <Text>{t('reception.intro', { agency: agency.name })}</Text>
        {state === 'booked' && bookedAt ? (
          <div role="status" aria-live="polite">
            {/* The Alert's own title is lighter than WCAG AA allows on the light green. */}
            <Alert color="green" variant="light">
              <Text fw={700}>{t('reception.bookedTitle')}</Text>
              <Text>
                {t(form.email ? 'reception.bookedWithMail' : 'reception.booked', {
                  when: when.format(new Date(bookedAt)),
                })}
              </Text>
            </Alert>
          </div>
        ) : (
          <form onSubmit={submit} noValidate aria-labelledby="page-title">
            <Stack gap="md">
              <Radio.Group
                id="reception-slotId"
                label={t('reception.slot')}
                description={t('reception.slotHint')}
                required
                value={form.slotId}
                onChange={(value) => set('slotId', value)}
                error={errors.slotId}
                classNames={{ error: fieldClasses.error }}
              >
                {slots.isPending && <Text>{t('reception.loading')}</Text>}
                {slots.isError && <Text>{t('reception.loadFailed')}</Text>}
                {slots.isSuccess && free.length === 0 && <Text>{t('reception.noSlots')}</Text>}
                {byDay(free, agency.timezone, i18n.language).map(([day, daySlots]) => (
                  <Stack key={day} gap="xs" mt="sm">
                    <Title order={3} size="h5">
                      {day}
                    </Title>
                    {daySlots.map((slot) => (
                      <Radio
                        key={slot.id}
                        value={slot.id}
                        label={`${time.format(new Date(slot.startsAt))} — ${slot.official}`}
                      />
                    ))}
                  </Stack>
                ))}
              </Radio.Group>
              <TextInput
                id="reception-name"
                label={t('reception.name')}
                required
                size="md"
                autoComplete="name"
                maxLength={200}
                value={form.name}
                onChange={(event) => set('name', event.currentTarget.value)}
                error={errors.name}
                classNames={{ error: fieldClasses.error }}
              />
              <TextInput
                id="reception-email"
                type="email"
                label={t('reception.email')}
                description={t('reception.emailHint')}
                size="md"
                autoComplete="email"
                maxLength={254}
                value={form.email}
                onChange={(event) => set('email', event.currentTarget.value)}
                error={errors.email}
                classNames={{ error: fieldClasses.error }}
              />
              <TextInput
                id="reception-phone"
                type="tel"
                label={t('reception.phone')}
                description={t('reception.phoneHint')}
                size="md"
                autoComplete="tel"
                maxLength={40}
                value={form.phone}
                onChange={(event) => set('phone', event.currentTarget.value)}
                error={errors.phone}
                classNames={{ error: fieldClasses.error }}
              />
              <Textarea
                id="reception-topic"
                label={t('reception.topic')}
                required
                size="md"
                autosize
                minRows={3}
                maxLength={2000}
                value={form.topic}
                onChange={(event) => set('topic', event.currentTarget.value)}
                error={errors.topic}
                classNames={{ error: fieldClasses.error }}
              />
              <Checkbox
                id="reception-consent"
                label={t('reception.consent')}
                checked={form.consent}
                onChange={(event) => set('consent', event.currentTarget.checked)}
                error={errors.consent}
              />
              <SubmitRow
                label={t('reception.submit')}
                icon={<IconCalendarCheck size="1.25rem" aria-hidden="true" />}
                sending={state === 'sending'}
                failure={state === 'failed' ? failure : null}
              />
            </Stack>
          </form>
        )}
      </Stack>
    </>
  );
}
