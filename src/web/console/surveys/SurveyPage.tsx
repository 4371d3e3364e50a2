import { Button, Group, Stack, Switch, Table, Tabs, Text } from '@mantine/core';
import { IconChartBar, IconKeyboard } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { canEdit, canSeeSurveyAnalytics } from '../session/access';
import { useSession } from '../session/SessionContext';
import { ErrorAlert } from '../shared/ErrorAlert';
import { PageHeader } from '../shared/PageHeader';
import { QueryStatus } from '../shared/QueryStatus';
import { QuestionList } from './QuestionList';
import { ResourcesEditor } from './ResourcesEditor';
import { SurveyPrintLinks } from './SurveyPrintLinks';
import { useSurvey, useSurveySettings } from './surveyQueries';
import { TokensPanel } from './TokensPanel';

type Setting = { published?: boolean; requireToken?: boolean };

const day = new Intl.DateTimeFormat('ru-RU', { day: '2-digit', month: '2-digit', year: 'numeric' });

/** One form: its questions, versions, the list of resources, and entry of paper answers. */
export function SurveyPage() {
  const { t } = useTranslation('console');
  const id = useParams().id ?? '';
  const survey = useSurvey(id);
  const session = useSession();
  const editable = canEdit(session, 'surveys');
  const settings = useSurveySettings(id);
  // A switch flips at once and shows the saved state once the survey has loaded again.
  const [pending, setPending] = useState<Setting>({});
  const change = (patch: Setting) => {
    setPending((current) => ({ ...current, ...patch }));
    settings.mutate(patch, { onSettled: () => setPending({}) });
  };
  if (!survey.data) return <QueryStatus query={survey} />;
  const data = survey.data;
  const hasResources = data.current.definition.questions.some((q) => q.rowsFromResources);
  return (
    <>
      <PageHeader
        title={data.title}
        description={t('surveys.summary', { version: data.version, responses: data.responses })}
        actions={
          <Group gap="sm">
            {canSeeSurveyAnalytics(session) && (
              <Button
                component={Link}
                to={`/surveys/${id}/analytics`}
                variant="default"
                leftSection={<IconChartBar size={18} aria-hidden />}
              >
                {t('surveys.analytics.open')}
              </Button>
            )}
            <SurveyPrintLinks id={id} slug={data.slug} published={data.published} />
            <Button
              component={Link}
              to={`/surveys/${id}/entry`}
              leftSection={<IconKeyboard size={18} aria-hidden />}
            >
              {t('surveys.entry.open')}
            </Button>
          </Group>
        }
      />
      <Stack gap="md">
        <Group gap="xl">
          <Switch
            label={t('surveys.published')}
            checked={pending.published ?? data.published}
            disabled={!editable}
            onChange={(event) => change({ published: event.currentTarget.checked })}
          />
          <Switch
            label={t('surveys.requireToken')}
            checked={pending.requireToken ?? data.requireToken}
            disabled={!editable}
            onChange={(event) => change({ requireToken: event.currentTarget.checked })}
          />
        </Group>
        <Text size="sm">{t('surveys.publicAddress', { slug: data.slug })}</Text>
        {settings.isError && <ErrorAlert error={settings.error} title={t('surveys.saveFailed')} />}
        <Tabs defaultValue="questions" keepMounted={false}>
          <Tabs.List mb="md">
            <Tabs.Tab value="questions">{t('surveys.tabs.questions')}</Tabs.Tab>
            <Tabs.Tab value="versions">{t('surveys.tabs.versions')}</Tabs.Tab>
            {hasResources && <Tabs.Tab value="resources">{t('surveys.tabs.resources')}</Tabs.Tab>}
            {editable && <Tabs.Tab value="tokens">{t('surveys.tabs.tokens')}</Tabs.Tab>}
          </Tabs.List>
          <Tabs.Panel value="questions">
            <QuestionList questions={data.current.questions} />
          </Tabs.Panel>
          <Tabs.Panel value="versions">
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('surveys.columns.version')}</Table.Th>
                  <Table.Th>{t('surveys.columns.created')}</Table.Th>
                  <Table.Th>{t('surveys.columns.responses')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.versions.map((version) => (
                  <Table.Tr key={version.id}>
                    <Table.Td>{version.number}</Table.Td>
                    <Table.Td>{day.format(new Date(version.createdAt))}</Table.Td>
                    <Table.Td>{version.responses}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Tabs.Panel>
          {hasResources && (
            <Tabs.Panel value="resources">
              <ResourcesEditor
                key={data.current.id}
                surveyId={id}
                resources={data.current.definition.resources ?? []}
                editable={editable}
              />
            </Tabs.Panel>
          )}
          {editable && session.currentAgency && (
            <Tabs.Panel value="tokens">
              <TokensPanel surveyId={id} agencySlug={session.currentAgency} surveySlug={data.slug} />
            </Tabs.Panel>
          )}
        </Tabs>
      </Stack>
    </>
  );
}
