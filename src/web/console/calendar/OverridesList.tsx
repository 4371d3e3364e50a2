import { Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { CalendarOverride } from '../../../common/types';
import { describeError } from '../shared/describeError';
import { DeleteAction } from '../shared/RowActions';
import { useRemoveOverride } from './calendarQueries';

interface OverridesListProps {
  overrides: CalendarOverride[];
  editable: boolean;
}

export function OverridesList({ overrides, editable }: OverridesListProps) {
  const { t, i18n } = useTranslation('console');
  const remove = useRemoveOverride();
  const format = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long', timeZone: 'UTC' });
  const sorted = [...overrides].sort((a, b) => a.date.localeCompare(b.date));

  const onRemove = (override: CalendarOverride) =>
    remove.mutate(override.date, {
      onSuccess: () => notifications.show({ color: 'green', message: t('calendar.overrideRemoved') }),
      onError: (error) => notifications.show({ color: 'red', message: describeError(error, t) }),
    });

  if (sorted.length === 0) return <Text c="dimmed">{t('calendar.noOverrides')}</Text>;
  return (
    <Table.ScrollContainer minWidth={520}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('calendar.date')}</Table.Th>
            <Table.Th>{t('calendar.kind')}</Table.Th>
            <Table.Th>{t('calendar.note')}</Table.Th>
            {editable && <Table.Th>{t('common:actions.remove')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sorted.map((override) => {
            const date = format.format(new Date(`${override.date}T00:00:00Z`));
            return (
              <Table.Tr key={override.date}>
                <Table.Td>{date}</Table.Td>
                <Table.Td>{t(`common:calendarDayKinds.${override.kind}`)}</Table.Td>
                <Table.Td>{override.note ?? t('common:state.notSet')}</Table.Td>
                {editable && (
                  <Table.Td>
                    <DeleteAction
                      label={t('common:actions.remove')}
                      subject={date}
                      loading={remove.isPending && remove.variables === override.date}
                      onClick={() => onRemove(override)}
                    />
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
