import { Select } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useSession } from '../session/SessionContext';
import { useSwitchAgency } from '../session/sessionMutations';
import { describeError } from '../shared/describeError';

/** Shown only to people who work for more than one agency. */
export function AgencySwitcher() {
  const { t } = useTranslation('console');
  const session = useSession();
  const switchAgency = useSwitchAgency();
  const navigate = useNavigate();
  if (session.agencies.length < 2) return null;

  const onChange = (slug: string | null) => {
    if (!slug || slug === session.currentAgency) return;
    switchAgency.mutate(slug, {
      onSuccess: (next) => {
        const agency = next.agencies.find((item) => item.slug === next.currentAgency);
        notifications.show({
          color: 'green',
          message: t('shell.agencySwitched', { name: agency?.shortName }),
        });
        // Pages of the old agency (an opened record, a filtered list) mean nothing in the new one.
        navigate('/');
      },
      onError: (error) => notifications.show({ color: 'red', message: describeError(error, t) }),
    });
  };

  return (
    <Select
      aria-label={t('shell.agencySwitcher')}
      data={session.agencies.map((agency) => ({ value: agency.slug, label: agency.shortName }))}
      value={session.currentAgency}
      onChange={onChange}
      allowDeselect={false}
      disabled={switchAgency.isPending}
      w={{ base: 130, sm: 200 }}
      comboboxProps={{ width: 320, position: 'bottom-end' }}
      renderOption={({ option }) => {
        const agency = session.agencies.find((item) => item.slug === option.value);
        return agency ? `${agency.shortName} — ${agency.name}` : option.label;
      }}
    />
  );
}
