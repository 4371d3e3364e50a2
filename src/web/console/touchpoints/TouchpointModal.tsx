import { Alert, Button, Group, NumberInput, Select, Stack, Switch, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TOUCHPOINT_KINDS, type TouchpointKind, type TouchpointMode } from '../../../common/types';
import { ConsoleModal } from '../shared/ConsoleModal';
import { splitApiError } from '../shared/fieldErrors';
import { useFieldErrors } from '../shared/useFieldErrors';
import { normalize, suggestedMode, TOUCHPOINT_FIELDS, validateTouchpoint } from './touchpointForm';
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
  const [draft, setDraft] = useState(initial);
  const { errors, setErrors, clear } = useFieldErrors();
  const [formError, setFormError] = useState<string | null>(null);
  const set = <K extends keyof TouchpointInput>(key: K, value: TouchpointInput[K]) => {
    clear(key);
    setDraft((current) => ({ ...current, [key]: value }));
  };

  const onKind = (kind: TouchpointKind | null) => {
    if (!kind) return;
    // A new reception is offline, a new Telegram channel digital: save a click, allow overriding.
    setDraft((current) => ({ ...current, kind, mode: id ? current.mode : suggestedMode(kind) }));
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found = validateTouchpoint(draft, t);
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length > 0) return;
    save.mutate(
      { id, input: normalize(draft) },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t('common:state.saved') });
          onClose();
        },
        onError: (error) => {
          const split = splitApiError(error, TOUCHPOINT_FIELDS, t);
          setErrors(split.fields);
          setFormError(split.form);
        },
      },
    );
  };

  return (
    <ConsoleModal opened onClose={onClose} title={t(id ? 'touchpoints.edit' : 'touchpoints.add')} size="lg">
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          {formError && (
            <Alert color="red" role="alert">
              {formError}
            </Alert>
          )}
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
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('common:actions.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </ConsoleModal>
  );
}
