import { Select } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { PublicAgency } from '../../../common/types';
import { api } from '../../ui/api';
import { useSession } from '../session/SessionContext';

interface RedirectAgencySelectProps {
  value: string;
  onChange: (slug: string | null) => void;
  error: string | undefined;
}

/** The other agencies on Otklik a request can be sent to by competence. */
export function RedirectAgencySelect({ value, onChange, error }: RedirectAgencySelectProps) {
  const { t } = useTranslation('console');
  const session = useSession();
  const agencies = useQuery({
    queryKey: ['public-agencies'],
    queryFn: () => api<PublicAgency[]>('GET', '/api/public/agencies'),
    staleTime: 5 * 60_000,
  });
  const others = (agencies.data ?? []).filter((agency) => agency.slug !== session.currentAgency);
  return (
    <Select
      label={t('requests.form.redirectAgency')}
      description={t('requests.form.redirectAgencyHint')}
      placeholder={t('requests.form.redirectAgencyNone')}
      data={others.map((agency) => ({ value: agency.slug, label: agency.name }))}
      value={value || null}
      onChange={onChange}
      error={error}
      searchable
      clearable
    />
  );
}
