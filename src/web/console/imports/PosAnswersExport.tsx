import { Button, Group, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgencyTimezone } from '../shared/agencyTime';
import { DateField } from '../shared/dates';
import { addDays, todayIn } from '../shared/localDays';
import { posAnswersUrl } from './importQueries';

/** The answers of a period as the XLSX staff upload back to ПОС. */
export function PosAnswersExport() {
  const { t } = useTranslation('console');
  const timeZone = useAgencyTimezone();
  const [from, setFrom] = useState(() => addDays(todayIn(timeZone), -30));
  const [to, setTo] = useState(() => todayIn(timeZone));
  return (
    <section aria-labelledby="pos-answers">
      <Title order={2} size="h4" id="pos-answers" mb="xs">
        {t('imports.answers.title')}
      </Title>
      <Group align="flex-end">
        <DateField label={t('imports.answers.from')} value={from} max={to} onChange={setFrom} />
        <DateField label={t('imports.answers.to')} value={to} min={from} onChange={setTo} />
        <Button
          component="a"
          href={from && to ? posAnswersUrl(from, to) : undefined}
          download
          variant="default"
          leftSection={<IconDownload size={16} aria-hidden />}
          disabled={!from || !to || from > to}
        >
          {t('imports.answers.download')}
        </Button>
      </Group>
    </section>
  );
}
