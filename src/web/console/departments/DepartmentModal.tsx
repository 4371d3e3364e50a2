import { Alert, Button, Group, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Department } from '../../../common/types';
import { validateRequired } from '../auth/validation';
import { ConsoleModal } from '../shared/ConsoleModal';
import { splitApiError } from '../shared/fieldErrors';
import { useSaveDepartment } from './departmentQueries';

interface DepartmentModalProps {
  /** null = a new department */
  department: Department | null;
  onClose: () => void;
}

/** Rendered only while open, so every opening starts from the department's current name. */
export function DepartmentModal({ department, onClose }: DepartmentModalProps) {
  const { t } = useTranslation('console');
  const save = useSaveDepartment();
  const [name, setName] = useState(department?.name ?? '');
  const [error, setError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const problem = validateRequired(name, t);
    setError(problem);
    setFormError(null);
    if (problem) return;
    save.mutate(
      { id: department?.id, name: name.trim() },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t('common:state.saved') });
          onClose();
        },
        onError: (failure) => {
          const split = splitApiError(failure, ['name'], t);
          setError(split.fields.name ?? null);
          setFormError(split.form);
        },
      },
    );
  };

  return (
    <ConsoleModal opened onClose={onClose} title={t(department ? 'departments.rename' : 'departments.add')}>
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          {formError && (
            <Alert color="red" role="alert">
              {formError}
            </Alert>
          )}
          <TextInput
            label={t('departments.name')}
            required
            value={name}
            error={error}
            onChange={(event) => {
              setError(null);
              setName(event.currentTarget.value);
            }}
            data-autofocus
          />
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
