import { useTranslation } from 'react-i18next';
import { RetentionLog } from '../clients/RetentionLog';
import { QrCodesPanel } from '../qr/QrCodesPanel';
import { canEdit } from '../session/access';
import { useSession } from '../session/SessionContext';
import { PageHeader } from '../shared/PageHeader';
import { QueryStatus } from '../shared/QueryStatus';
import { AgencyForm } from './AgencyForm';
import { useAgency } from './agencyQueries';
import { FileStoragePanel } from './FileStoragePanel';

export function AgencyPage() {
  const { t } = useTranslation('console');
  const session = useSession();
  const agency = useAgency();
  return (
    <>
      <PageHeader title={t('nav.agency')} description={t('agency.description')} />
      <QueryStatus query={agency} rows={6} />
      {agency.data && (
        // Re-mount on a new server copy (e.g. after an agency switch) so the draft starts fresh.
        <AgencyForm key={agency.data.slug} agency={agency.data} readOnly={!canEdit(session, 'agency')} />
      )}
      {agency.data && <FileStoragePanel slug={agency.data.slug} canSetQuota={session.isRegionAdmin} />}
      <QrCodesPanel />
      {canEdit(session, 'agency') && <RetentionLog />}
    </>
  );
}
