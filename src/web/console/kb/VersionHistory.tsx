import { Alert, Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, useAgencyTimezone } from '../shared/agencyTime';
import { DataTable } from '../shared/DataTable';
import { QueryStatus } from '../shared/QueryStatus';
import { DiffText } from './DiffText';
import { useDiff, useRestoreVersion, useVersions, type VersionDiff } from './kbQueries';

/** Every saved version with its author and note (issue 6 p. 3); compare with the previous one, restore. */
export function VersionHistory({
  articleId,
  current,
  canEdit,
}: {
  articleId: string;
  current: number;
  canEdit: boolean;
}) {
  const { t, i18n } = useTranslation('console');
  const timeZone = useAgencyTimezone();
  const versions = useVersions(articleId);
  const restore = useRestoreVersion(articleId);
  const [range, setRange] = useState<{ from: number; to: number } | null>(null);
  const diff = useDiff(articleId, range);

  const restoreVersion = (version: number) =>
    restore.mutate(version, {
      onSuccess: () => notifications.show({ color: 'green', message: t('kb.history.restored', { version }) }),
      onError: (error) => notifications.show({ color: 'red', message: error.message }),
    });

  return (
    <Stack>
      <Title order={2} size="h4">
        {t('kb.history.title')}
      </Title>
      <QueryStatus query={versions} />
      {versions.data && (
        <DataTable
          minWidth={560}
          head={
            <>
              <Table.Th>{t('kb.history.version')}</Table.Th>
              <Table.Th>{t('kb.history.when')}</Table.Th>
              <Table.Th>{t('kb.history.author')}</Table.Th>
              <Table.Th>{t('kb.history.note')}</Table.Th>
              <Table.Th>{t('kb.history.actions')}</Table.Th>
            </>
          }
        >
          {versions.data.map((version) => (
            <Table.Tr key={version.version}>
              <Table.Td>
                {version.version}{' '}
                {version.version === current && (
                  <Badge size="xs" variant="light">
                    {t('kb.history.current')}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>{formatDateTime(version.createdAt, i18n.language, timeZone)}</Table.Td>
              <Table.Td>{version.authorName ?? '—'}</Table.Td>
              <Table.Td>{version.note ?? ''}</Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  {version.version > 1 && (
                    <Button
                      variant="subtle"
                      size="xs"
                      aria-label={t('kb.history.compareLabel', { version: version.version })}
                      onClick={() => setRange({ from: version.version - 1, to: version.version })}
                    >
                      {t('kb.history.compare')}
                    </Button>
                  )}
                  {canEdit && version.version !== current && (
                    <Button
                      variant="subtle"
                      size="xs"
                      loading={restore.isPending && restore.variables === version.version}
                      aria-label={t('kb.history.restoreLabel', { version: version.version })}
                      onClick={() => restoreVersion(version.version)}
                    >
                      {t('kb.history.restore')}
                    </Button>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      )}
      {range && <QueryStatus query={diff} />}
      {range && diff.data && <DiffView diff={diff.data} />}
    </Stack>
  );
}

function DiffView({ diff }: { diff: VersionDiff }) {
  const { t } = useTranslation('console');
  const unchanged = (parts: VersionDiff['body'] | null) =>
    !parts || parts.every((part) => part.kind === 'same');
  const settings = [
    diff.visibility &&
      t('kb.history.visibilityChange', {
        from: t(`kb.visibility.${diff.visibility.from}`),
        to: t(`kb.visibility.${diff.visibility.to}`),
      }),
    diff.tags.added.length > 0 && t('kb.history.tagsAdded', { list: diff.tags.added.join(', ') }),
    diff.tags.removed.length > 0 && t('kb.history.tagsRemoved', { list: diff.tags.removed.join(', ') }),
    diff.sectionId && t('kb.history.moved'),
    diff.active && t(diff.active.to ? 'kb.history.unarchived' : 'kb.history.archived'),
  ].filter(Boolean);
  return (
    <Alert
      variant="light"
      color="gray"
      title={t('kb.history.diffTitle', { from: diff.from, to: diff.to })}
      role="region"
    >
      <Stack gap="sm">
        {!unchanged(diff.title) && <DiffText parts={diff.title} label={t('kb.editor.title')} />}
        {unchanged(diff.body) ? (
          <Text size="sm" c="dimmed">
            {t('kb.history.sameText')}
          </Text>
        ) : (
          <DiffText parts={diff.body} label={t('kb.editor.body')} />
        )}
        {diff.shortBody && !unchanged(diff.shortBody) && (
          <>
            <Text size="sm" fw={700}>
              {t('kb.editor.short')}
            </Text>
            <DiffText parts={diff.shortBody} label={t('kb.editor.short')} />
          </>
        )}
        {settings.map((line) => (
          <Text key={String(line)} size="sm">
            {line}
          </Text>
        ))}
      </Stack>
    </Alert>
  );
}
