import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { REPORT_FREQUENCIES, type ReportFrequency } from '../../../common/dashboard';
import { ErrorAlert } from '../shared/ErrorAlert';
import { useReportSubscription, useSetReportSubscription } from './monitoringQueries';

const NEVER = 'never';

/** Issue 11 p. 4: the person's own choice of «Мониторинг» by e-mail. */
export function ReportSubscription() {
  const { t } = useTranslation('console');
  const subscription = useReportSubscription();
  const save = useSetReportSubscription();
  return (
    <>
      <Select
        label={t('monitoring.subscription.label')}
        description={t('monitoring.subscription.hint')}
        allowDeselect={false}
        disabled={!subscription.data || save.isPending}
        data={[NEVER, ...REPORT_FREQUENCIES].map((value) => ({
          value,
          label: t(`monitoring.subscription.${value}`),
        }))}
        value={subscription.data ? (subscription.data.frequency ?? NEVER) : null}
        onChange={(value) => save.mutate(value === NEVER || !value ? null : (value as ReportFrequency))}
      />
      {save.isError && <ErrorAlert error={save.error} />}
    </>
  );
}
