import { Outlet, useOutletContext, useParams } from 'react-router';
import type { PortalAgency } from '../../../common/types';
import { isAgencyNotFound, usePortalAgency } from '../data/publicQueries';
import { AgencyNotFoundPage } from '../pages/AgencyNotFoundPage';
import { LoadErrorPage, LoadingPage } from '../pages/LoadStatePages';
import { PortalShell } from './PortalShell';
import { SiteFooter } from './SiteFooter';
import { SiteHeader } from './SiteHeader';
import { useFocusOnNavigate } from './useFocusOnNavigate';

/** The site of one agency at /<slug>/: loads the agency once for all of its pages. */
export function AgencyLayout() {
  const { slug = '' } = useParams();
  const query = usePortalAgency(slug);
  useFocusOnNavigate(query.isSuccess);

  if (query.isPending) return <LoadingPage />;
  if (query.isError) {
    return isAgencyNotFound(query.error) ? (
      <AgencyNotFoundPage />
    ) : (
      <LoadErrorPage onRetry={() => void query.refetch()} />
    );
  }
  const agency = query.data;
  return (
    <PortalShell header={<SiteHeader agency={agency} />} footer={<SiteFooter agency={agency} />}>
      <Outlet context={agency} />
    </PortalShell>
  );
}

/** The agency of the current site, for pages under <AgencyLayout>. */
export function useAgency(): PortalAgency {
  return useOutletContext<PortalAgency>();
}
