import { NumberInput, Select, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Topic } from '../../../common/classification';
import type { Department } from '../../../common/types';
import { validateRequired } from '../auth/validation';
import { FormModal } from '../shared/FormModal';
import { collectErrors } from '../shared/fieldErrors';
import { useSaveForm } from '../shared/useSaveForm';
import { useSaveTopic } from './classificationQueries';

interface TopicModalProps {
  /** null = a new topic */
  topic: Topic | null;
  departments: Pick<Department, 'id' | 'name'>[];
  onClose: () => void;
}

export function TopicModal({ topic, departments, onClose }: TopicModalProps) {
  const { t } = useTranslation('console');
  const save = useSaveTopic();
  const form = useSaveForm({
    mutation: save,
    fields: ['name', 'defaultDepartmentId', 'sortOrder'],
    onSaved: onClose,
  });
  const [name, setName] = useState(topic?.name ?? '');
  const [departmentId, setDepartmentId] = useState(topic?.defaultDepartmentId ?? null);
  const [sortOrder, setSortOrder] = useState<number>(topic?.sortOrder ?? 0);

  const onSubmit = () =>
    form.submit(collectErrors({ name: validateRequired(name, t) }), {
      id: topic?.id,
      name: name.trim(),
      defaultDepartmentId: departmentId,
      sortOrder,
    });

  return (
    <FormModal
      title={t(topic ? 'classification.editTopic' : 'classification.addTopic')}
      onClose={onClose}
      onSubmit={onSubmit}
      formError={form.formError}
      pending={form.pending}
    >
      <TextInput
        label={t('classification.topicName')}
        required
        value={name}
        error={form.errors.name}
        onChange={(event) => {
          form.clear('name');
          setName(event.currentTarget.value);
        }}
        data-autofocus
      />
      <Select
        label={t('classification.defaultDepartment')}
        description={t('classification.defaultDepartmentHint')}
        data={departments.map((d) => ({ value: d.id, label: d.name }))}
        value={departmentId}
        onChange={setDepartmentId}
        error={form.errors.defaultDepartmentId}
        clearable
      />
      <NumberInput
        label={t('classification.order')}
        description={t('classification.orderHint')}
        min={0}
        max={100_000}
        value={sortOrder}
        onChange={(value) => setSortOrder(typeof value === 'number' ? value : 0)}
        error={form.errors.sortOrder}
      />
    </FormModal>
  );
}
