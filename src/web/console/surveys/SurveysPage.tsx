import { Anchor, Badge, Button, Table } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { canEdit } from '../session/access';
import { useSession } from '../session/SessionContext';
import { EmptyMessage } from '../shared/EmptyMessage';
import { PageHeader } from '../shared/PageHeader';
import { QueryStatus } from '../shared/QueryStatus';
import { useSurveys } from './surveyQueries';
import { TemplateModal } from './TemplateModal';

/** «Опросы» (issue 8): the agency's forms with how many answers each has collected. */
export function SurveysPage() {
  const { t } = useTranslation('console');
  const surveys = useSurveys();
  const editable = canEdit(useSession(), 'surveys');
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageHeader
        title={t('nav.surveys')}
        description={t('surveys.description')}
        actions={editable && <Button onClick={() => setCreating(true)}>{t('surveys.template.title')}</Button>}
      />
      {creating && <TemplateModal onClose={() => setCreating(false)} />}
      <QueryStatus query={surveys} />
      {surveys.data?.length === 0 && <EmptyMessage title={t('surveys.empty')} />}
      {surveys.data && surveys.data.length > 0 && (
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('surveys.columns.title')}</Table.Th>
              <Table.Th>{t('surveys.columns.status')}</Table.Th>
              <Table.Th>{t('surveys.columns.version')}</Table.Th>
              <Table.Th>{t('surveys.columns.responses')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {surveys.data.map((survey) => (
              <Table.Tr key={survey.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/surveys/${survey.id}`}>
                    {survey.title}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Badge color={survey.published ? 'green.9' : 'gray.7'} variant="filled">
                    {t(survey.published ? 'surveys.published' : 'surveys.unpublished')}
                  </Badge>
                </Table.Td>
                <Table.Td>{survey.version}</Table.Td>
                <Table.Td>{survey.responses}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </>
  );
}
