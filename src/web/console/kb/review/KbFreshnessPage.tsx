import { Select, Stack } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useSearchParams } from 'react-router';
import { DUE_SOON_WORKING_DAYS, NO_DEPARTMENT } from '../../../../common/kb-review';
import { EmptyMessage } from '../../shared/EmptyMessage';
import { PageHeader } from '../../shared/PageHeader';
import { PageSection } from '../../shared/PageSection';
import { QueryStatus } from '../../shared/QueryStatus';
import { DepartmentsFreshness } from './DepartmentsFreshness';
import { FreshnessSummary } from './FreshnessSummary';
import { useKbFreshness } from './kbReviewQueries';
import { ReviewModal } from './ReviewModal';
import { SectionsTable } from './SectionsTable';

const SECTIONS_ID = 'kb-freshness-sections';

/**
 * «Актуальность базы знаний» (seed 003 p. 41): how recently each department checked its part of
 * the knowledge base, and the sections to check. `?departmentId=` narrows the list, `?section=`
 * (the link in a reminder) opens that section's review.
 */
export function KbFreshnessPage() {
  const { t } = useTranslation('console');
  const [params, setParams] = useSearchParams();
  const departmentId = params.get('departmentId');
  const board = useKbFreshness(departmentId);
  const open = board.data?.sections.find((s) => s.id === params.get('section')) ?? null;
  const { hash } = useLocation();
  const loaded = board.data !== undefined;

  // A department picked in the table above jumps down to its sections once they are there.
  useEffect(() => {
    if (loaded && hash === `#${SECTIONS_ID}`) document.getElementById(SECTIONS_ID)?.scrollIntoView();
  }, [loaded, hash]);

  const setParam = (name: string, value: string | null) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: name === 'section' },
    );

  return (
    <>
      <PageHeader
        title={t('nav.kbFreshness')}
        description={t('kbFreshness.description', { days: DUE_SOON_WORKING_DAYS })}
      />
      <QueryStatus query={board} />
      {board.data && board.data.totals.sections === 0 && (
        <EmptyMessage title={t('kbFreshness.empty')} description={t('kbFreshness.emptyHint')} />
      )}
      {board.data && board.data.totals.sections > 0 && (
        <Stack gap="xl">
          <FreshnessSummary totals={board.data.totals} />
          <PageSection id="kb-freshness-departments" title={t('kbFreshness.byDepartment')}>
            <DepartmentsFreshness
              departments={board.data.departments}
              drillDown={(id) => `?${new URLSearchParams({ departmentId: id })}#${SECTIONS_ID}`}
            />
          </PageSection>
          <PageSection id={SECTIONS_ID} title={t('kbFreshness.sections')}>
            <Select
              label={t('kbFreshness.filterDepartment')}
              placeholder={t('kbFreshness.allDepartments')}
              data={board.data.departments.map((d) => ({
                value: d.departmentId ?? NO_DEPARTMENT,
                label: d.departmentName ?? t('kbFreshness.noDepartment'),
              }))}
              value={departmentId}
              onChange={(value) => setParam('departmentId', value)}
              clearable
              w={320}
              mb="md"
            />
            {board.data.sections.length === 0 ? (
              <EmptyMessage title={t('kbFreshness.noSectionsHere')} />
            ) : (
              <SectionsTable sections={board.data.sections} onOpen={(s) => setParam('section', s.id)} />
            )}
          </PageSection>
        </Stack>
      )}
      {open && <ReviewModal section={open} onClose={() => setParam('section', null)} />}
    </>
  );
}
