import { SegmentedControl } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PROPOSAL_STATUSES, type ProposalStatus } from '../../../common/kb';
import { canEdit } from '../session/access';
import { useSession } from '../session/SessionContext';
import { EmptyMessage } from '../shared/EmptyMessage';
import { PageHeader } from '../shared/PageHeader';
import { QueryStatus } from '../shared/QueryStatus';
import { KbProposalsTable } from './KbProposalsTable';
import { useKbProposals } from './kbProposalQueries';

type Shown = ProposalStatus | 'all';

/** «Предложения в базу знаний»: questions asked often that no article answers (seed 003 p. 41). */
export function KbProposalsPage() {
  const { t } = useTranslation('console');
  const canDecide = canEdit(useSession(), 'kbProposals');
  const [status, setStatus] = useState<Shown>('open');
  const proposals = useKbProposals(status);

  return (
    <>
      <PageHeader title={t('nav.kbProposals')} description={t('kbProposals.description')} />
      <SegmentedControl
        mb="md"
        aria-label={t('kbProposals.show')}
        value={status}
        onChange={(value) => setStatus(value as Shown)}
        data={[...PROPOSAL_STATUSES, 'all' as const].map((value) => ({
          value,
          label: t(`kbProposals.filters.${value}`),
        }))}
      />
      <QueryStatus query={proposals} />
      {proposals.data?.length === 0 && (
        <EmptyMessage
          title={t(status === 'open' ? 'kbProposals.empty' : 'kbProposals.emptyOther')}
          description={status === 'open' ? t('kbProposals.emptyHint') : undefined}
        />
      )}
      {proposals.data && proposals.data.length > 0 && (
        <KbProposalsTable proposals={proposals.data} canDecide={canDecide} />
      )}
    </>
  );
}
