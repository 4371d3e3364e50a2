import { Anchor, Badge, Button, Group, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPhone } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DataTable } from '../shared/DataTable';
import { SortableTh } from '../shared/SortableTh';
import { useSort } from '../shared/useSort';
import { type KbProposal, useDecideProposal } from './kbProposalQueries';

const COLUMNS = {
  size: (p: KbProposal) => p.size,
  title: (p: KbProposal) => p.title,
  department: (p: KbProposal) => p.departmentName,
};

/** Links to the requests and calls behind a proposal, numbered in the order the cluster holds them. */
function SourceLinks({ proposal }: { proposal: KbProposal }) {
  const { t } = useTranslation('console');
  const links = [
    ...proposal.requestIds.map((id, index) => ({
      to: `/requests/${id}`,
      call: false,
      n: index + 1,
      label: t('kbProposals.requestLink', { n: index + 1, total: proposal.requestIds.length }),
    })),
    ...proposal.callIds.map((id, index) => ({
      to: `/calls/${id}`,
      call: true,
      n: index + 1,
      label: t('kbProposals.callLink', { n: index + 1, total: proposal.callIds.length }),
    })),
  ];
  return (
    <Group gap={6} wrap="wrap" maw={220}>
      {links.map((link) => (
        <Anchor key={link.to} component={Link} to={link.to} size="sm" aria-label={link.label}>
          {link.call && <IconPhone size={12} aria-hidden />}
          {link.n}
        </Anchor>
      ))}
    </Group>
  );
}

function Decision({ proposal, canDecide }: { proposal: KbProposal; canDecide: boolean }) {
  const { t } = useTranslation('console');
  const decide = useDecideProposal();
  if (proposal.status !== 'open') {
    return (
      <>
        <Badge variant="light" color={proposal.status === 'accepted' ? 'green' : 'gray'}>
          {t(`kbProposals.statuses.${proposal.status}`)}
        </Badge>
        {proposal.articleId && (
          <Anchor
            component={Link}
            to={`/kb/articles/${proposal.articleId}/edit`}
            size="xs"
            display="block"
            mt={4}
          >
            {t('kbProposals.draftCreated')}
          </Anchor>
        )}
      </>
    );
  }
  if (!canDecide) return null;
  const run = (decision: 'accept' | 'dismiss') =>
    decide.mutate(
      { id: proposal.id, decision },
      {
        onSuccess: () => notifications.show({ color: 'green', message: t(`kbProposals.done.${decision}`) }),
        onError: (error) => notifications.show({ color: 'red', message: error.message }),
      },
    );
  const busy = (decision: 'accept' | 'dismiss') =>
    decide.isPending && decide.variables?.id === proposal.id && decide.variables.decision === decision;
  return (
    <Group gap="xs" wrap="nowrap">
      <Button
        size="xs"
        loading={busy('accept')}
        aria-label={`${t('kbProposals.accept')}: ${proposal.title}`}
        onClick={() => run('accept')}
      >
        {t('kbProposals.accept')}
      </Button>
      <Button
        size="xs"
        variant="subtle"
        loading={busy('dismiss')}
        aria-label={`${t('kbProposals.dismiss')}: ${proposal.title}`}
        onClick={() => run('dismiss')}
      >
        {t('kbProposals.dismiss')}
      </Button>
    </Group>
  );
}

/** Proposals with what they rest on: how many requests, their shared words and one of them. */
export function KbProposalsTable({ proposals, canDecide }: { proposals: KbProposal[]; canDecide: boolean }) {
  const { t } = useTranslation('console');
  const { sorted, sort, toggle } = useSort(proposals, COLUMNS, { key: 'size', direction: 'desc' });
  return (
    <DataTable
      minWidth={960}
      head={
        <>
          <SortableTh column="size" sort={sort} onSort={toggle}>
            {t('kbProposals.size')}
          </SortableTh>
          <SortableTh column="title" sort={sort} onSort={toggle}>
            {t('kbProposals.question')}
          </SortableTh>
          <Table.Th>{t('kbProposals.terms')}</Table.Th>
          <Table.Th>{t('kbProposals.sample')}</Table.Th>
          <SortableTh column="department" sort={sort} onSort={toggle}>
            {t('kbProposals.department')}
          </SortableTh>
          <Table.Th>{t('kbProposals.requests')}</Table.Th>
          <Table.Th>{t('kbProposals.decision')}</Table.Th>
        </>
      }
    >
      {sorted.map((proposal) => (
        <Table.Tr key={proposal.id}>
          <Table.Td>{proposal.size}</Table.Td>
          <Table.Td fw={600}>{proposal.title}</Table.Td>
          <Table.Td>
            <Group gap={4}>
              {proposal.terms.map((term) => (
                <Badge key={term} variant="outline" color="gray" size="sm" tt="none">
                  {term}
                </Badge>
              ))}
            </Group>
          </Table.Td>
          <Table.Td maw={320}>
            <Text size="sm" lineClamp={3} title={proposal.sampleText}>
              {proposal.sampleText}
            </Text>
          </Table.Td>
          <Table.Td>{proposal.departmentName ?? t('kbProposals.noDepartment')}</Table.Td>
          <Table.Td>
            <SourceLinks proposal={proposal} />
          </Table.Td>
          <Table.Td>
            <Decision proposal={proposal} canDecide={canDecide} />
          </Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
}
