import { Checkbox, FileInput, Group, Select, Switch, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { REQUEST_CHANNELS } from '../../../common/requests';
import { api, apiForm } from '../../ui/api';
import { validateRequired } from '../auth/validation';
import { useAgencyTimezone } from '../shared/agencyTime';
import { DateTimeField } from '../shared/dates';
import { FormModal } from '../shared/FormModal';
import { collectErrors } from '../shared/fieldErrors';
import { useDraft } from '../shared/useDraft';
import { useSaveForm } from '../shared/useSaveForm';
import { localInputNow, localInputToIso } from './localTime';
import { REQUESTS_KEY } from './requestQueries';
import { REQUEST_KINDS, type RequestDetail, type RequestKind } from './requestTypes';

const FIELDS = [
  'kind',
  'channel',
  'receivedAt',
  'text',
  'name',
  'email',
  'phone',
  'externalId',
  'urgent',
  'files',
];
// A letter's scanned pages (the server accepts these and no other types for them).
const SCAN_ACCEPT = 'application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png';
const SCAN_TYPES = ['application/pdf', 'image/jpeg', 'image/png'];

/** The registration as multipart when scans go with it: fields as text, the files in `files`. */
function withScans(body: Record<string, unknown>, scans: File[]): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(body)) {
    if (value !== null && value !== undefined) form.append(key, String(value));
  }
  for (const scan of scans) form.append('files', scan);
  return form;
}
const STAFF_CHANNELS = REQUEST_CHANNELS.filter((channel) => channel !== 'portal');

interface Draft {
  kind: RequestKind;
  channel: (typeof STAFF_CHANNELS)[number];
  receivedAt: string;
  text: string;
  name: string;
  email: string;
  phone: string;
  externalId: string;
  urgent: boolean;
  notifyByEmail: boolean;
  scans: File[];
}

/** Registers what came by post, ПОС, МЭДО, the Governor's reception or in person (seed 003 p. 3.1). */
export function RegisterRequestModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('console');
  const timezone = useAgencyTimezone() ?? 'UTC';
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: ({ scans, ...body }: Record<string, unknown> & { scans: File[] }) =>
      scans.length
        ? apiForm<RequestDetail>('/api/staff/requests', withScans(body, scans))
        : api<RequestDetail>('POST', '/api/staff/requests', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...REQUESTS_KEY, 'list'] }),
  });
  const form = useSaveForm({
    mutation: create,
    fields: FIELDS,
    onSaved: (detail) => navigate(`/requests/${detail.id}`),
    savedMessage: (detail) => t('registration.registered', { number: detail.number }),
  });
  const { errors } = form;
  const { draft, set } = useDraft<Draft>(
    {
      kind: 'appeal',
      channel: 'post',
      receivedAt: localInputNow(timezone),
      text: '',
      name: '',
      email: '',
      phone: '',
      externalId: '',
      urgent: false,
      notifyByEmail: false,
      scans: [],
    },
    form.clear,
  );

  const scans = draft.channel === 'post' ? draft.scans : [];
  const wrongScan = scans.find((scan) => !SCAN_TYPES.includes(scan.type));
  const scanError = wrongScan ? t('registration.scansType', { name: wrongScan.name }) : null;

  const onSubmit = () =>
    form.submit(
      collectErrors({
        text: validateRequired(draft.text, t),
        name: validateRequired(draft.name, t),
        receivedAt: draft.receivedAt ? null : t('common:validation.required'),
        email: draft.notifyByEmail && !draft.email.trim() ? t('registration.emailForNotice') : null,
        files: scanError,
      }),
      {
        kind: draft.kind,
        channel: draft.channel,
        receivedAt: localInputToIso(draft.receivedAt, timezone),
        text: draft.text.trim(),
        name: draft.name.trim(),
        email: draft.email.trim() || null,
        phone: draft.phone.trim() || null,
        externalId: draft.externalId.trim() || null,
        urgent: draft.urgent,
        notifyByEmail: draft.notifyByEmail,
        scans,
      },
    );

  return (
    <FormModal
      title={t('registration.title')}
      size="lg"
      onClose={onClose}
      onSubmit={onSubmit}
      formError={form.formError}
      pending={form.pending}
      submitLabel={t('registration.submit')}
    >
      <Group grow align="flex-start">
        <Select
          label={t('registration.kind')}
          data={REQUEST_KINDS.map((kind) => ({ value: kind, label: t(`common:requestKinds.${kind}`) }))}
          value={draft.kind}
          onChange={(value) => value && set('kind', value as RequestKind)}
          allowDeselect={false}
          error={errors.kind}
          data-autofocus
        />
        <Select
          label={t('registration.channel')}
          data={STAFF_CHANNELS.map((c) => ({ value: c, label: t(`common:requestChannels.${c}`) }))}
          value={draft.channel}
          onChange={(value) => value && set('channel', value as Draft['channel'])}
          allowDeselect={false}
          error={errors.channel}
        />
      </Group>
      <Group grow align="flex-start">
        <DateTimeField
          label={t('registration.receivedAt')}
          description={t('registration.receivedAtHint')}
          required
          value={draft.receivedAt}
          error={errors.receivedAt}
          onChange={(value) => set('receivedAt', value)}
        />
        <TextInput
          label={t('registration.externalId')}
          description={t('registration.externalIdHint')}
          value={draft.externalId}
          error={errors.externalId}
          onChange={(event) => set('externalId', event.currentTarget.value)}
        />
      </Group>
      <Textarea
        label={t('registration.text')}
        required
        autosize
        minRows={4}
        maxRows={12}
        maxLength={10_000}
        value={draft.text}
        error={errors.text}
        onChange={(event) => set('text', event.currentTarget.value)}
      />
      <TextInput
        label={t('registration.name')}
        required
        value={draft.name}
        error={errors.name}
        onChange={(event) => set('name', event.currentTarget.value)}
      />
      <Group grow align="flex-start">
        <TextInput
          type="email"
          label={t('registration.email')}
          value={draft.email}
          error={errors.email}
          onChange={(event) => set('email', event.currentTarget.value)}
        />
        <TextInput
          type="tel"
          label={t('registration.phone')}
          value={draft.phone}
          error={errors.phone}
          onChange={(event) => set('phone', event.currentTarget.value)}
        />
      </Group>
      {draft.channel === 'post' && (
        <FileInput
          label={t('registration.scans')}
          description={t('registration.scansHint')}
          placeholder={t('attachments.choose')}
          multiple
          accept={SCAN_ACCEPT}
          value={draft.scans}
          onChange={(files) => set('scans', files)}
          error={errors.files ?? scanError}
          clearable
          styles={{ placeholder: { color: 'var(--mantine-color-dimmed)' } }}
        />
      )}
      <Checkbox
        label={t('registration.notifyByEmail')}
        checked={draft.notifyByEmail}
        onChange={(event) => set('notifyByEmail', event.currentTarget.checked)}
      />
      <Switch
        label={t('registration.urgent')}
        description={t('registration.urgentHint')}
        checked={draft.urgent}
        onChange={(event) => set('urgent', event.currentTarget.checked)}
      />
    </FormModal>
  );
}
