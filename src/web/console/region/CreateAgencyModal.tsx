import { Alert, Button, Group, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicAgency } from '../../../common/types';
import { TimezoneSelect } from '../agency/TimezoneSelect';
import { validateRequired } from '../auth/validation';
import { ConsoleModal } from '../shared/ConsoleModal';
import { type FieldErrors, splitApiError } from '../shared/fieldErrors';
import { useFieldErrors } from '../shared/useFieldErrors';
import { useCreateAgency } from './regionQueries';

const FIELDS = ['slug', 'name', 'shortName', 'timezone'];
// The slug becomes the portal address (/<slug>/), so only URL-safe characters.
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function CreateAgencyModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('console');
  const create = useCreateAgency();
  const [draft, setDraft] = useState<PublicAgency>({
    slug: '',
    name: '',
    shortName: '',
    timezone: 'Europe/Moscow',
  });
  const { errors, setErrors, clear } = useFieldErrors();
  const [formError, setFormError] = useState<string | null>(null);
  const set = (key: keyof PublicAgency, value: string) => {
    clear(key);
    setDraft((current) => ({ ...current, [key]: value }));
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: FieldErrors = {};
    for (const key of ['slug', 'name', 'shortName'] as const) {
      const problem = validateRequired(draft[key], t);
      if (problem) found[key] = problem;
    }
    if (!found.slug && !SLUG.test(draft.slug.trim())) found.slug = t('common:validation.slug');
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length > 0) return;
    const input = {
      ...draft,
      slug: draft.slug.trim(),
      name: draft.name.trim(),
      shortName: draft.shortName.trim(),
    };
    create.mutate(input, {
      onSuccess: (agency) => {
        notifications.show({ color: 'green', message: t('region.created', { name: agency.shortName }) });
        onClose();
      },
      onError: (error) => {
        const split = splitApiError(error, FIELDS, t);
        setErrors(split.fields);
        setFormError(split.form);
      },
    });
  };

  return (
    <ConsoleModal opened onClose={onClose} title={t('region.add')} size="lg">
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          {formError && (
            <Alert color="red" role="alert">
              {formError}
            </Alert>
          )}
          <TextInput
            label={t('agency.name')}
            required
            value={draft.name}
            error={errors.name}
            onChange={(event) => set('name', event.currentTarget.value)}
            data-autofocus
          />
          <TextInput
            label={t('agency.shortName')}
            required
            value={draft.shortName}
            error={errors.shortName}
            onChange={(event) => set('shortName', event.currentTarget.value)}
          />
          <TextInput
            label={t('agency.slug')}
            description={t('region.slugHint')}
            required
            value={draft.slug}
            error={errors.slug}
            onChange={(event) => set('slug', event.currentTarget.value.toLowerCase())}
          />
          <TimezoneSelect
            label={t('agency.timezone')}
            value={draft.timezone}
            error={errors.timezone}
            onChange={(timezone) => set('timezone', timezone)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('common:actions.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </ConsoleModal>
  );
}
