import { Box, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime, useAgencyTimezone } from '../shared/agencyTime';
import { DataTable } from '../shared/DataTable';
import { PageFooter } from '../shared/PageFooter';
import { PageSection } from '../shared/PageSection';
import { QueryStatus } from '../shared/QueryStatus';
import { useRetentionLog } from './clientQueries';

/** What the retention job removed (ARCHITECTURE §3): counts only, the log keeps no personal data. */
export function RetentionLog() {
  const { t, i18n } = useTranslation('console');
  const [page, setPage] = useState(1);
  const log = useRetentionLog(page);
  const timezone = useAgencyTimezone();
  return (
    <Box mt="xl">
      <PageSection id="retention-log" title={t('clients.retention.logTitle')}>
        <Text c="dimmed" mb="sm">
          {t('clients.retention.logHint')}
        </Text>
        <QueryStatus query={log} rows={3} />
        {log.data?.items.length === 0 && <Text>{t('clients.retention.logEmpty')}</Text>}
        {log.data && log.data.items.length > 0 && (
          <>
            <DataTable
              minWidth={680}
              head={
                <>
                  <Table.Th>{t('clients.retention.columns.at')}</Table.Th>
                  <Table.Th>{t('clients.retention.columns.cutoff')}</Table.Th>
                  <Table.Th>{t('clients.retention.columns.clients')}</Table.Th>
                  <Table.Th>{t('clients.retention.columns.requests')}</Table.Th>
                  <Table.Th>{t('clients.retention.columns.socialItems')}</Table.Th>
                </>
              }
            >
              {log.data.items.map((row) => (
                <Table.Tr key={row.id}>
                  <Table.Td>
                    <time dateTime={row.at}>{formatDateTime(row.at, i18n.language, timezone)}</time>
                  </Table.Td>
                  <Table.Td>
                    <time dateTime={row.cutoff}>{formatDate(row.cutoff, i18n.language, timezone)}</time>
                  </Table.Td>
                  <Table.Td>{row.clientCount}</Table.Td>
                  <Table.Td>{row.requestCount}</Table.Td>
                  <Table.Td>{row.socialItemCount}</Table.Td>
                </Table.Tr>
              ))}
            </DataTable>
            <PageFooter total={log.data.total} pages={log.data.pages} page={page} onPage={setPage} />
          </>
        )}
      </PageSection>
    </Box>
  );
}
