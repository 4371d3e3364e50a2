import { Alert, Button, Group, Stack, Switch, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Department, StaffUser } from '../../../common/types';
import { ConsoleModal } from '../shared/ConsoleModal';
import { splitApiError } from '../shared/fieldErrors';
import { useFieldErrors } from '../shared/useFieldErrors';
import { UserAccessFields } from './UserAccessFields';
import { useUpdateUser } from './userQueries';

const FIELDS = ['roles', 'departmentIds', 'active'];

interface EditUserModalProps {
  user: StaffUser;
  departments: Department[];
  isSelf: boolean;
  onClose: () => void;
}

export function EditUserModal({ user, departments, isSelf, onClose }: EditUserModalProps) {
  const { t } = useTranslation('console');
  const update = useUpdateUser();
  const [roles, setRoles] = useState(user.roles);
  const [departmentIds, setDepartmentIds] = useState(user.departmentIds);
  const [active, setActive] = useState(user.active);
  const { errors, setErrors, clear } = useFieldErrors();
  const [formError, setFormError] = useState<string | null>(null);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    if (roles.length === 0) {
      setErrors({ roles: t('common:validation.rolesRequired') });
      return;
    }
    setErrors({});
    update.mutate(
      { id: user.id, patch: { roles, departmentIds, active } },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t('common:state.saved') });
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
    <ConsoleModal opened onClose={onClose} title={t('users.edit')} size="lg">
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <div>
            <Text fw={600}>{user.name}</Text>
            <Text size="sm" c="dimmed">
              {user.email}
            </Text>
          </div>
          {formError && (
            <Alert color="red" role="alert">
              {formError}
            </Alert>
          )}
          <UserAccessFields
            roles={roles}
            onRoles={(next) => {
              clear('roles');
              setRoles(next);
            }}
            departmentIds={departmentIds}
            onDepartments={setDepartmentIds}
            departments={departments}
            errors={errors}
          />
          <Switch
            label={t('users.activeSwitch')}
            description={isSelf ? t('users.selfDeactivateHint') : t('users.activeHint')}
            checked={active}
            // Locking yourself out of the agency by accident is too easy to allow here.
            disabled={isSelf}
            error={errors.active}
            onChange={(event) => setActive(event.currentTarget.checked)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={update.isPending}>
              {t('common:actions.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </ConsoleModal>
  );
}
