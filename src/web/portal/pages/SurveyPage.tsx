import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLocation, useParams, useSearchParams } from 'react-router';
import { useAgency } from '../layout/AgencyLayout';
import { PageHeading } from '../layout/PageHeading';
import { pageTrail } from '../navigation/siteStructure';
import { SurveyForm } from '../surveys/SurveyForm';
import { usePublicSurvey } from '../surveys/surveyApi';

const RATE_SLUG = 'rate';

/**
 * A survey of the agency (issue 8 p. 7). `?channel=qr` marks answers from a QR code, `#token=`
 * carries a one-time invitation; «Оценить работу» (seed 000 p. 6.2) is the `rate` survey.
 */
export function SurveyPage({ fixedSlug }: { fixedSlug?: string }) {
  const { t } = useTranslation('portal');
  const agency = useAgency();
  const params = useParams();
  const [search] = useSearchParams();
  const slug = fixedSlug ?? params.survey ?? '';
  const survey = usePublicSurvey(agency.slug, slug);
  // One-time invitations carry their token in the fragment (`#token=…`), never sent to the server.
  const token = new URLSearchParams(useLocation().hash.slice(1)).get('token') ?? undefined;
  const channel = search.get('channel') === 'qr' ? 'qr' : slug === RATE_SLUG ? 'site' : 'link';
  const title = slug === RATE_SLUG ? t('menu.rate') : (survey.data?.title ?? t('surveys.title'));
  return (
    <>
      <PageHeading
        title={title}
        trail={pageTrail(agency.slug, 'rate', (page) => t(`menu.${page.key}`)).slice(0, 1)}
        siteName={agency.shortName}
      />
      <Stack gap="lg" maw="48rem">
        {survey.isPending && <Text>{t('surveys.loading')}</Text>}
        {survey.isError && <Text>{t('surveys.notFound')}</Text>}
        {survey.data && (
          <>
            {survey.data.intro && <Text>{survey.data.intro}</Text>}
            {survey.data.anonymous && <Text size="sm">{t('surveys.anonymous')}</Text>}
            <SurveyForm agency={agency.slug} survey={survey.data} channel={channel} token={token} />
          </>
        )}
      </Stack>
    </>
  );
}
