import { TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PublicAgency } from '../../../common/types';
import { TimezoneSelect } from '../agency/TimezoneSelect';
import { validateRequired } from '../auth/validation';
import { FormModal } from '../shared/FormModal';
import { collectErrors } from '../shared/fieldErrors';
import { useDraft } from '../shared/useDraft';
import { useSaveForm } from '../shared/useSaveForm';
import { useCreateAgency } from './regionQueries';

const FIELDS = ['slug', 'name', 'shortName', 'timezone'];
// The slug becomes the portal address (/<slug>/), so only URL-safe characters.
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function CreateAgencyModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('console');
  const create = useCreateAgency();
  const form = useSaveForm({
    mutation: create,
    fields: FIELDS,
    onSaved: onClose,
    savedMessage: (agency) => t('region.created', { name: agency.shortName }),
  });
  const { errors } = form;
  const { draft, set } = useDraft<PublicAgency>(
    { slug: '', name: '', shortName: '', timezone: 'Europe/Moscow' },
    form.clear,
  );

  const onSubmit = () =>
    form.submit(
      collectErrors({
        slug:
          validateRequired(draft.slug, t) ??
          (SLUG.test(draft.slug.trim()) ? null : t('common:validation.slug')),
        name: validateRequired(draft.name, t),
        shortName: validateRequired(draft.shortName, t),
      }),
      { ...draft, slug: draft.slug.trim(), name: draft.name.trim(), shortName: draft.shortName.trim() },
    );

  return (
    <FormModal
      title={t('region.add')}
      size="lg"
      onClose={onClose}
      onSubmit={onSubmit}
      formError={form.formError}
      pending={form.pending}
      submitLabel={t('common:actions.create')}
    >
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
    </FormModal>
  );
}
