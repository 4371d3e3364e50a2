import { TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Department } from '../../../common/types';
import { validateEmail, validateRequired } from '../auth/validation';
import { FormModal } from '../shared/FormModal';
import { collectErrors } from '../shared/fieldErrors';
import { useDraft } from '../shared/useDraft';
import { useSaveForm } from '../shared/useSaveForm';
import { UserAccessFields } from './UserAccessFields';
import { type NewUser, useCreateUser } from './userQueries';

const FIELDS = ['email', 'name', 'roles', 'departmentIds'];

export function CreateUserModal({
  departments,
  onClose,
}: {
  departments: Department[];
  onClose: () => void;
}) {
  const { t } = useTranslation('console');
  const create = useCreateUser();
  const form = useSaveForm({
    mutation: create,
    fields: FIELDS,
    onSaved: onClose,
    savedMessage: (user) => t('users.invited', { email: user.email }),
  });
  const { errors } = form;
  const { draft, set } = useDraft<NewUser>(
    { email: '', name: '', roles: ['operator'], departmentIds: [] },
    form.clear,
  );

  const onSubmit = () =>
    form.submit(
      collectErrors({
        email: validateEmail(draft.email, t),
        name: validateRequired(draft.name, t),
        roles: draft.roles.length === 0 ? t('common:validation.rolesRequired') : null,
      }),
      { ...draft, email: draft.email.trim(), name: draft.name.trim() },
    );

  return (
    <FormModal
      title={t('users.add')}
      size="lg"
      onClose={onClose}
      onSubmit={onSubmit}
      formError={form.formError}
      pending={form.pending}
      submitLabel={t('users.invite')}
    >
      <TextInput
        label={t('users.email')}
        description={t('users.emailHint')}
        type="email"
        required
        value={draft.email}
        error={errors.email}
        onChange={(event) => set('email', event.currentTarget.value)}
        data-autofocus
      />
      <TextInput
        label={t('users.name')}
        placeholder={t('users.namePlaceholder')}
        required
        value={draft.name}
        error={errors.name}
        onChange={(event) => set('name', event.currentTarget.value)}
      />
      <UserAccessFields
        roles={draft.roles}
        onRoles={(roles) => set('roles', roles)}
        departmentIds={draft.departmentIds}
        onDepartments={(departmentIds) => set('departmentIds', departmentIds)}
        departments={departments}
        errors={errors}
      />
    </FormModal>
  );
}
