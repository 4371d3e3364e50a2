import { ActionIcon, Badge, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../common/types';
import { useAgencyTimezone } from '../shared/agencyTime';
import { AuditDiff } from './AuditDiff';

const ACTION_COLORS: Record<AuditEntry['action'], string> = {
  create: 'green',
  update: 'blue',
  delete: 'red',
  read: 'gray',
};
const COLUMN_COUNT = 5;

export function AuditTable({ entries }: { entries: AuditEntry[] }) {
  const { t, i18n } = useTranslation('console');
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const timeZone = useAgencyTimezone();
  const dateTime = new Intl.DateTimeFormat(i18n.language, {
    dateStyle: 'medium',
    timeStyle: 'medium',
    timeZone,
  });
  const toggle = (id: string) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <Table.ScrollContainer minWidth={760}>
      <Table highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={48}>
              <VisuallyHidden>{t('audit.details')}</VisuallyHidden>
            </Table.Th>
            <Table.Th aria-sort="descending">{t('audit.at')}</Table.Th>
            <Table.Th>{t('audit.actor')}</Table.Th>
            <Table.Th>{t('audit.action')}</Table.Th>
            <Table.Th>{t('audit.entity')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((entry) => {
            const open = expanded.has(entry.id);
            const detailsId = `audit-details-${entry.id}`;
            return (
              <Fragment key={entry.id}>
                <Table.Tr>
                  <Table.Td>
                    <ActionIcon
                      variant="subtle"
                      aria-expanded={open}
                      aria-controls={open ? detailsId : undefined}
                      aria-label={t(open ? 'audit.hideDetails' : 'audit.showDetails')}
                      onClick={() => toggle(entry.id)}
                    >
                      {open ? (
                        <IconChevronDown size={18} aria-hidden />
                      ) : (
                        <IconChevronRight size={18} aria-hidden />
                      )}
                    </ActionIcon>
                  </Table.Td>
                  <Table.Td>{dateTime.format(new Date(entry.at))}</Table.Td>
                  <Table.Td>
                    {entry.actor ? (
                      <>
                        <Text size="sm">{entry.actor.name}</Text>
                        <Text size="xs" c="dimmed">
                          {entry.actor.email}
                        </Text>
                      </>
                    ) : (
                      <Text size="sm" c="dimmed">
                        {t('audit.system')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Badge color={ACTION_COLORS[entry.action]} variant="light">
                      {t(`common:auditActions.${entry.action}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{entry.entity}</Text>
                    <Text size="xs" c="dimmed" ff="monospace">
                      {entry.entityId}
                    </Text>
                  </Table.Td>
                </Table.Tr>
                {open && (
                  <Table.Tr id={detailsId}>
                    <Table.Td colSpan={COLUMN_COUNT}>
                      <AuditDiff before={entry.before} after={entry.after} />
                    </Table.Td>
                  </Table.Tr>
                )}
              </Fragment>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
