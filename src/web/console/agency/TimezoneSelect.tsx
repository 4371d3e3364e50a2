import { Select } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { RUSSIAN_TIMEZONES, utcOffsetLabel } from './timezones';

interface TimezoneSelectProps {
  value: string;
  onChange: (value: string) => void;
  error?: string;
  label: string;
}

export function TimezoneSelect({ value, onChange, error, label }: TimezoneSelectProps) {
  const { t, i18n } = useTranslation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: labels depend on the language
  const data = useMemo(() => {
    const zones: string[] = [...RUSSIAN_TIMEZONES];
    // Keep a zone the server already has even if it is not in our list, rather than blanking it.
    if (value && !zones.includes(value)) zones.push(value);
    return zones.map((zone) => ({
      value: zone,
      label: `${t(`timezones.${zone}`, { defaultValue: zone })} (${utcOffsetLabel(zone) || zone})`,
    }));
  }, [t, i18n.language, value]);
  return (
    <Select
      label={label}
      data={data}
      value={value}
      onChange={(next) => next && onChange(next)}
      searchable
      allowDeselect={false}
      required
      error={error}
      nothingFoundMessage={t('state.notSet')}
    />
  );
}
