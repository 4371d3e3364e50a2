import { Group } from '@mantine/core';
import { SurveyPrintLinks } from '../surveys/SurveyPrintLinks';
import { useSurveys } from '../surveys/surveyQueries';

/** The survey a visitor is handed after personal reception (seed 003 p. 36). */
const VISIT_SURVEY = 'rate';

/** The «Оценить работу» questionnaire on paper and as a QR poster, at hand where receptions are run. */
export function VisitFeedbackLinks() {
  const surveys = useSurveys();
  const survey = surveys.data?.find((item) => item.slug === VISIT_SURVEY);
  if (!survey) return null;
  return (
    <Group gap="sm">
      <SurveyPrintLinks id={survey.id} slug={survey.slug} published={survey.published} />
    </Group>
  );
}
