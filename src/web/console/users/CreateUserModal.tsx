import { Alert, Button, Group, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Department } from '../../../common/types';
import { validateEmail, validateRequired } from '../auth/validation';
import { ConsoleModal } from '../shared/ConsoleModal';
import { type FieldErrors, splitApiError } from '../shared/fieldErrors';
import { useFieldErrors } from '../shared/useFieldErrors';
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
  const [draft, setDraft] = useState<NewUser>({
    email: '',
    name: '',
    roles: ['operator'],
    departmentIds: [],
  });
  const { errors, setErrors, clear } = useFieldErrors();
  const [formError, setFormError] = useState<string | null>(null);
  const set = <K extends keyof NewUser>(key: K, value: NewUser[K]) => {
    clear(key);
    setDraft((current) => ({ ...current, [key]: value }));
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: FieldErrors = {};
    const email = validateEmail(draft.email, t);
    const name = validateRequired(draft.name, t);
    if (email) found.email = email;
    if (name) found.name = name;
    if (draft.roles.length === 0) found.roles = t('common:validation.rolesRequired');
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length > 0) return;
    create.mutate(
      { ...draft, email: draft.email.trim(), name: draft.name.trim() },
      {
        onSuccess: (user) => {
          notifications.show({ color: 'green', message: t('users.invited', { email: user.email }) });
          onClose();
        },
        onError: (error) => {
          const split = splitApiError(error, FIELDS, t);
          setErrors(split.fields);
          setFormError(split.form);
        },
      },
    );
  };

  return (
    <ConsoleModal opened onClose={onClose} title={t('users.add')} size="lg">
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          {formError && (
            <Alert color="red" role="alert">
              {formError}
            </Alert>
          )}
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
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('users.invite')}
            </Button>
          </Group>
        </Stack>
      </form>
    </ConsoleModal>
  );
}
