import { TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Department } from '../../../common/types';
import { validateRequired } from '../auth/validation';
import { FormModal } from '../shared/FormModal';
import { collectErrors } from '../shared/fieldErrors';
import { useSaveForm } from '../shared/useSaveForm';
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
  const form = useSaveForm({ mutation: save, fields: ['name'], onSaved: onClose });
  const [name, setName] = useState(department?.name ?? '');

  const onSubmit = () =>
    form.submit(collectErrors({ name: validateRequired(name, t) }), {
      id: department?.id,
      name: name.trim(),
    });

  return (
    <FormModal
      title={t(department ? 'departments.rename' : 'departments.add')}
      onClose={onClose}
      onSubmit={onSubmit}
      formError={form.formError}
      pending={form.pending}
    >
      <TextInput
        label={t('departments.name')}
        required
        value={name}
        error={form.errors.name}
        onChange={(event) => {
          form.clear('name');
          setName(event.currentTarget.value);
        }}
        data-autofocus
      />
    </FormModal>
  );
}
