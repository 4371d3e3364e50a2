import { Group, SegmentedControl, Select, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { TOUCHPOINT_KINDS, type TouchpointKind, type TouchpointMode } from '../../../common/types';

export interface TouchpointFilter {
  kind: TouchpointKind | null;
  mode: TouchpointMode | 'all';
}

interface TouchpointFiltersProps {
  value: TouchpointFilter;
  onChange: (value: TouchpointFilter) => void;
}

export function TouchpointFilters({ value, onChange }: TouchpointFiltersProps) {
  const { t } = useTranslation('console');
  return (
    <Group align="flex-end" mb="md" gap="md" wrap="wrap">
      <Select<TouchpointKind>
        label={t('touchpoints.kind')}
        placeholder={t('touchpoints.allKinds')}
        data={TOUCHPOINT_KINDS.map((kind) => ({ value: kind, label: t(`common:touchpointKinds.${kind}`) }))}
        value={value.kind}
        onChange={(kind) => onChange({ ...value, kind })}
        clearable
        w={280}
      />
      <div>
        <Text component="span" size="sm" fw={500} display="block" mb={4} id="touchpoint-mode-label">
          {t('touchpoints.mode')}
        </Text>
        <SegmentedControl
          aria-labelledby="touchpoint-mode-label"
          value={value.mode}
          onChange={(mode) => onChange({ ...value, mode: mode as TouchpointFilter['mode'] })}
          data={[
            { value: 'all', label: t('touchpoints.allModes') },
            { value: 'digital', label: t('common:touchpointModes.digital') },
            { value: 'offline', label: t('common:touchpointModes.offline') },
          ]}
        />
      </div>
    </Group>
  );
}
