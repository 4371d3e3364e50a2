import { Group, NumberInput, Select, Switch, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { TOUCHPOINT_KINDS, type TouchpointKind, type TouchpointMode } from '../../../common/types';
import { WorkingHoursEditor } from '../agency/WorkingHoursEditor';
import { FormModal } from '../shared/FormModal';
import { useDraft } from '../shared/useDraft';
import { useSaveForm } from '../shared/useSaveForm';
import {
  DEFAULT_OWN_HOURS,
  normalize,
  suggestedMode,
  TOUCHPOINT_FIELDS,
  validateTouchpoint,
} from './touchpointForm';
import { type TouchpointInput, useSaveTouchpoint } from './touchpointQueries';

interface TouchpointModalProps {
  /** undefined = a new touchpoint */
  id?: string;
  initial: TouchpointInput;
  onClose: () => void;
}

export function TouchpointModal({ id, initial, onClose }: TouchpointModalProps) {
  const { t } = useTranslation('console');
  const save = useSaveTouchpoint();
  const form = useSaveForm({ mutation: save, fields: TOUCHPOINT_FIELDS, onSaved: onClose });
  const { errors } = form;
  const { draft, set, setDraft } = useDraft(initial, form.clear);

  const onKind = (kind: TouchpointKind | null) => {
    if (!kind) return;
    // A new reception is offline, a new Telegram channel digital: save a click, allow overriding.
    setDraft((current) => ({ ...current, kind, mode: id ? current.mode : suggestedMode(kind) }));
  };

  const onSubmit = () => form.submit(validateTouchpoint(draft, t), { id, input: normalize(draft) });

  return (
    <FormModal
      title={t(id ? 'touchpoints.edit' : 'touchpoints.add')}
      size="lg"
      onClose={onClose}
      onSubmit={onSubmit}
      formError={form.formError}
      pending={form.pending}
    >
      <Group grow align="flex-start">
        <Select<TouchpointKind>
          label={t('touchpoints.kind')}
          data={TOUCHPOINT_KINDS.map((kind) => ({
            value: kind,
            label: t(`common:touchpointKinds.${kind}`),
          }))}
          value={draft.kind}
          onChange={onKind}
          allowDeselect={false}
          required
          error={errors.kind}
          data-autofocus
        />
        <Select<TouchpointMode>
          label={t('touchpoints.mode')}
          data={(['digital', 'offline'] as const).map((mode) => ({
            value: mode,
            label: t(`common:touchpointModes.${mode}`),
          }))}
          value={draft.mode}
          onChange={(mode) => mode && set('mode', mode)}
          allowDeselect={false}
          required
          error={errors.mode}
        />
      </Group>
      <TextInput
        label={t('touchpoints.title')}
        required
        value={draft.title}
        error={errors.title}
        onChange={(event) => set('title', event.currentTarget.value)}
      />
      <TextInput
        label={t('touchpoints.value')}
        description={t('touchpoints.valueHint')}
        required
        value={draft.value}
        error={errors.value}
        onChange={(event) => set('value', event.currentTarget.value)}
      />
      <Textarea
        label={t('touchpoints.note')}
        autosize
        minRows={2}
        value={draft.note ?? ''}
        error={errors.note}
        onChange={(event) => set('note', event.currentTarget.value)}
      />
      <Switch
        label={t('touchpoints.ownHours')}
        description={t('touchpoints.ownHoursHint')}
        checked={draft.hours !== null}
        onChange={(event) =>
          set('hours', event.currentTarget.checked ? (draft.hours ?? DEFAULT_OWN_HOURS) : null)
        }
      />
      {draft.hours && (
        <WorkingHoursEditor
          path="hours"
          value={draft.hours}
          errors={errors}
          onChange={(hours, changedField) => {
            form.clear(changedField);
            set('hours', hours);
          }}
        />
      )}
      <Group grow align="flex-start">
        <NumberInput
          label={t('touchpoints.sortOrder')}
          description={t('touchpoints.sortOrderHint')}
          allowDecimal={false}
          value={draft.sortOrder}
          error={errors.sortOrder}
          onChange={(value) => set('sortOrder', typeof value === 'number' ? value : Number.NaN)}
        />
        <Switch
          mt={32}
          label={t('touchpoints.isPublic')}
          description={t('touchpoints.isPublicHint')}
          checked={draft.isPublic}
          error={errors.isPublic}
          onChange={(event) => set('isPublic', event.currentTarget.checked)}
        />
      </Group>
    </FormModal>
  );
}
