import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PortalAgency } from '../../../common/types';
import { utcOffset } from '../../../common/working-hours';
import classes from './AboutAgency.module.css';

/** «О ведомстве»: the agency's names and time zone as a definition list. */
export function AboutAgency({ agency }: { agency: PortalAgency }) {
  const { t } = useTranslation('portal');
  const city = t(`common:timezones.${agency.timezone}`, { defaultValue: agency.timezone });
  const facts = [
    { term: t('about.fullName'), value: agency.name },
    { term: t('about.shortName'), value: agency.shortName },
    {
      term: t('about.timezone'),
      value: t('about.timezoneValue', { city, offset: utcOffset(agency.timezone) }),
    },
  ];
  return (
    <Stack gap="md">
      <Text>{t('about.intro')}</Text>
      <dl className={classes.facts}>
        {facts.map((fact) => (
          <div key={fact.term} className={classes.fact}>
            <dt>{fact.term}</dt>
            <dd>{fact.value}</dd>
          </div>
        ))}
      </dl>
    </Stack>
  );
}
