import { Button, Group, Select, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../common/types';
import { DateField } from '../shared/dates';
import type { AuditFilter } from './auditQueries';

type Action = AuditEntry['action'];
const ACTIONS: Action[] = ['create', 'update', 'delete', 'read'];

interface AuditFiltersProps {
  entity: string;
  onEntity: (value: string) => void;
  value: AuditFilter;
  onChange: (patch: Partial<AuditFilter>) => void;
  onReset: () => void;
}

export function AuditFilters({ entity, onEntity, value, onChange, onReset }: AuditFiltersProps) {
  const { t } = useTranslation('console');
  const active = Boolean(entity || value.action || value.from || value.to);
  return (
    <Group align="flex-end" mb="md" wrap="wrap">
      <TextInput
        label={t('audit.entity')}
        placeholder={t('audit.entityPlaceholder')}
        value={entity}
        onChange={(event) => onEntity(event.currentTarget.value)}
        w={220}
      />
      <Select<Action>
        label={t('audit.action')}
        placeholder={t('audit.allActions')}
        data={ACTIONS.map((action) => ({ value: action, label: t(`common:auditActions.${action}`) }))}
        value={value.action}
        onChange={(action) => onChange({ action })}
        clearable
        w={200}
      />
      <DateField
        label={t('audit.from')}
        value={value.from}
        max={value.to}
        onChange={(from) => onChange({ from })}
        clearable
        w={170}
      />
      <DateField
        label={t('audit.to')}
        value={value.to}
        min={value.from}
        onChange={(to) => onChange({ to })}
        clearable
        w={170}
      />
      {active && (
        <Button variant="subtle" onClick={onReset}>
          {t('audit.resetFilters')}
        </Button>
      )}
    </Group>
  );
}
