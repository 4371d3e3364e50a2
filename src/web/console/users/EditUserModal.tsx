import { Button, Group, Switch, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Department, StaffUser } from '../../../common/types';
import { describeError } from '../shared/describeError';
import { FormModal } from '../shared/FormModal';
import { collectErrors } from '../shared/fieldErrors';
import { useSaveForm } from '../shared/useSaveForm';
import { UserAccessFields } from './UserAccessFields';
import { useResetTwoFactor, useUpdateUser } from './userQueries';

const FIELDS = ['name', 'roles', 'departmentIds', 'active'];

interface EditUserModalProps {
  user: StaffUser;
  departments: Department[];
  isSelf: boolean;
  onClose: () => void;
}

const sameRoles = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((role) => b.includes(role));

export function EditUserModal({ user, departments, isSelf, onClose }: EditUserModalProps) {
  const { t } = useTranslation('console');
  const update = useUpdateUser();
  const form = useSaveForm({ mutation: update, fields: FIELDS, onSaved: onClose });
  const [name, setName] = useState(user.name);
  const [roles, setRoles] = useState(user.roles);
  const [departmentIds, setDepartmentIds] = useState(user.departmentIds);
  const [active, setActive] = useState(user.active);
  const resetTwoFactor = useResetTwoFactor();
  const onResetTwoFactor = () =>
    resetTwoFactor.mutate(user.id, {
      onSuccess: () => {
        notifications.show({ color: 'green', message: t('users.twoFactorResetDone') });
        onClose();
      },
    });

  const onSubmit = () =>
    form.submit(
      collectErrors({
        name: name.trim() ? null : t('common:validation.required'),
        roles: roles.length === 0 ? t('common:validation.rolesRequired') : null,
      }),
      { id: user.id, patch: { name: name.trim(), departmentIds, ...accessChanges() } },
    );
  // Roles and deactivation need a fresh password (ASVS 3.7.1): sent only when changed, so renaming
  // someone does not ask for it.
  const accessChanges = () => ({
    ...(sameRoles(roles, user.roles) ? {} : { roles }),
    ...(active === user.active ? {} : { active }),
  });

  const whom = (
    <div>
      <Text size="sm" c="dimmed">
        {user.email}
      </Text>
      {user.twoFactor && !isSelf && (
        <Group mt="xs" gap="sm">
          <Text size="sm">{t('users.twoFactorOn')}</Text>
          <Button variant="light" size="xs" loading={resetTwoFactor.isPending} onClick={onResetTwoFactor}>
            {t('users.twoFactorReset')}
          </Button>
        </Group>
      )}
      {resetTwoFactor.error && (
        <Text size="sm" c="red.9" role="alert">
          {describeError(resetTwoFactor.error, t)}
        </Text>
      )}
    </div>
  );

  return (
    <FormModal
      title={t('users.edit')}
      size="lg"
      onClose={onClose}
      onSubmit={onSubmit}
      formError={form.formError}
      pending={form.pending}
      intro={whom}
    >
      <TextInput
        label={t('users.name')}
        required
        value={name}
        error={form.errors.name}
        onChange={(event) => {
          form.clear('name');
          setName(event.currentTarget.value);
        }}
      />
      <UserAccessFields
        roles={roles}
        onRoles={(next) => {
          form.clear('roles');
          setRoles(next);
        }}
        departmentIds={departmentIds}
        onDepartments={setDepartmentIds}
        departments={departments}
        errors={form.errors}
      />
      <Switch
        label={t('users.activeSwitch')}
        description={isSelf ? t('users.selfDeactivateHint') : t('users.activeHint')}
        checked={active}
        // Locking yourself out of the agency by accident is too easy to allow here.
        disabled={isSelf}
        error={form.errors.active}
        onChange={(event) => setActive(event.currentTarget.checked)}
      />
    </FormModal>
  );
}
