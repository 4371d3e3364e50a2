import { Anchor, Badge, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatPhone } from '../../../common/phone-format';
import { formatDateTime, useAgencyTimezone } from '../shared/agencyTime';
import { DataTable } from '../shared/DataTable';
import type { CallListItem } from './callQueries';

/** One row per call, newest first as the server sends them; the time opens the card. */
export function CallsTable({ calls }: { calls: CallListItem[] }) {
  const { t, i18n } = useTranslation('console');
  const timezone = useAgencyTimezone();
  const none = t('calls.none');
  return (
    <DataTable
      minWidth={900}
      head={
        <>
          <Table.Th>{t('calls.col.time')}</Table.Th>
          <Table.Th>{t('calls.col.caller')}</Table.Th>
          <Table.Th>{t('calls.col.client')}</Table.Th>
          <Table.Th>{t('calls.col.status')}</Table.Th>
          <Table.Th>{t('calls.col.hours')}</Table.Th>
          <Table.Th>{t('calls.col.source')}</Table.Th>
          <Table.Th>{t('calls.col.operator')}</Table.Th>
          <Table.Th>{t('calls.col.outcome')}</Table.Th>
        </>
      }
    >
      {calls.map((call) => (
        <Table.Tr key={call.id}>
          <Table.Td>
            <Anchor component={Link} to={`/calls/${call.id}`}>
              {formatDateTime(call.startedAt, i18n.language, timezone)}
            </Anchor>
          </Table.Td>
          <Table.Td>{formatPhone(call.callerPhone)}</Table.Td>
          <Table.Td>
            {call.clientId ? (
              <Anchor component={Link} to={`/clients/${call.clientId}`}>
                {t('calls.clientCard')}
              </Anchor>
            ) : (
              none
            )}
          </Table.Td>
          <Table.Td>
            <Badge color={call.answered ? 'green' : 'red'} variant="dot">
              {t(call.answered ? 'calls.answered' : 'calls.missed')}
            </Badge>
          </Table.Td>
          <Table.Td>{t(call.withinHours ? 'calls.withinHours' : 'calls.outsideHours')}</Table.Td>
          <Table.Td>{t(`calls.sources.${call.source}`)}</Table.Td>
          <Table.Td>{call.operatorName ?? none}</Table.Td>
          <Table.Td>{call.outcome ? t(`calls.outcomes.${call.outcome}`) : none}</Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
}
