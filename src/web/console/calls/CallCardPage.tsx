import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { formatPhone } from '../../../common/phone-format';
import { canEdit } from '../session/access';
import { useSession } from '../session/SessionContext';
import { DetailPage } from '../shared/DetailPage';
import { PageHeader } from '../shared/PageHeader';
import { CallCard } from './CallCard';
import { useCall } from './callQueries';

export function CallCardPage() {
  const { t } = useTranslation('console');
  const { id = '' } = useParams();
  const session = useSession();
  const call = useCall(id);
  return (
    <DetailPage
      query={call}
      back={{ to: '/calls', label: t('calls.card.back') }}
      title={t('calls.title')}
      notFoundTitle={t('calls.card.notFound')}
    >
      {(data) => (
        <>
          <PageHeader title={t('calls.card.title', { phone: formatPhone(data.callerPhone) })} />
          <CallCard key={data.id} call={data} editable={canEdit(session, 'calls')} />
        </>
      )}
    </DetailPage>
  );
}
