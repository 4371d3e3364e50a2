import { Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canEdit } from '../session/access';
import { useSession } from '../session/SessionContext';
import { PageHeader } from '../shared/PageHeader';
import { QueryStatus } from '../shared/QueryStatus';
import {
  type DeadlinePolicy,
  type TermName,
  type TermValue,
  useDeadlinePolicies,
  useRestoreTerm,
} from './deadlineQueries';
import { TermModal } from './TermModal';

/** The terms of every kind of request as in force for the agency, with the act behind each (issue 4 p. 1). */
export function DeadlinesPage() {
  const { t } = useTranslation('console');
  const editable = canEdit(useSession(), 'deadlines');
  const policies = useDeadlinePolicies();
  const [editing, setEditing] = useState<{ policy: DeadlinePolicy; term: TermName; value: TermValue } | null>(
    null,
  );

  return (
    <>
      <PageHeader title={t('nav.deadlines')} description={t('deadlines.description')} />
      <QueryStatus query={policies} rows={6} />
      <Stack>
        {policies.data?.map((policy) => (
          <PolicyCard
            key={policy.kind}
            policy={policy}
            editable={editable}
            onEdit={(term, value) => setEditing({ policy, term, value })}
          />
        ))}
      </Stack>
      {editing && (
        <TermModal
          policy={editing.policy}
          term={editing.term}
          value={editing.value}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}

interface PolicyCardProps {
  policy: DeadlinePolicy;
  editable: boolean;
  onEdit: (term: TermName, value: TermValue) => void;
}

function PolicyCard({ policy, editable, onEdit }: PolicyCardProps) {
  const { t } = useTranslation('console');
  const restore = useRestoreTerm();
  const headingId = `policy-${policy.kind}`;
  return (
    <Card withBorder component="section" aria-labelledby={headingId}>
      <Title order={2} size="h4" id={headingId}>
        {t(`common:requestKinds.${policy.kind}`)}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {policy.law}
      </Text>
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={200}>{t('deadlines.term')}</Table.Th>
              <Table.Th w={160}>{t('deadlines.value')}</Table.Th>
              <Table.Th>{t('deadlines.source')}</Table.Th>
              {editable && <Table.Th w={220}>{t('deadlines.actions')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {policy.terms.map(({ term, current, overridden }) => (
              <Table.Tr key={term}>
                <Table.Td>{t(`deadlines.terms.${term}`)}</Table.Td>
                <Table.Td>
                  {current
                    ? t(`deadlines.days.${current.dayType}`, { count: current.days })
                    : t('deadlines.none')}
                  {overridden && (
                    <Badge ml="xs" size="sm" variant="light" color="orange">
                      {t('deadlines.overridden')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{current?.source ?? '—'}</Text>
                </Table.Td>
                {editable && (
                  <Table.Td>
                    <Group gap="xs">
                      {current && (
                        <Button size="xs" variant="light" onClick={() => onEdit(term, current)}>
                          {t('deadlines.edit')}
                        </Button>
                      )}
                      {overridden && (
                        <Button
                          size="xs"
                          variant="subtle"
                          loading={restore.isPending}
                          onClick={() => restore.mutate({ kind: policy.kind, term })}
                        >
                          {t('deadlines.restore')}
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}
