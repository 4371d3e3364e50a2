import { Group, List, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { type AnalyticsFilter, CHANNEL_TITLES } from '../../../common/survey-analytics';
import { SURVEY_CHANNELS } from '../../../common/surveys';
import { LinkedDecisions } from '../feedback-actions/LinkedDecisions';
import { DownloadButton } from '../shared/DownloadButton';
import { DateField } from '../shared/dates';
import { PageHeader } from '../shared/PageHeader';
import { QueryStatus } from '../shared/QueryStatus';
import { SummaryCard } from '../shared/SummaryCard';
import { CellsSection, DistributionSection, percent } from './AnalyticsCharts';
import { exportUrl, reportUrl, useSurveyAnalytics } from './analyticsQueries';
import { PollDialog } from './PollDialog';
import { useSurvey } from './surveyQueries';

const yearStart = () => `${new Date().getFullYear()}-01-01`;

/** «Аналитика опроса» (issue 8 pp. 5–6): the numbers, charts beside tables, and the annual report. */
export function AnalyticsPage() {
  const { t } = useTranslation('console');
  const id = useParams().id ?? '';
  const survey = useSurvey(id);
  // No default end: «today» in the browser's zone may be yesterday in the agency's, hiding today's answers.
  const [filter, setFilter] = useState<AnalyticsFilter>({ from: yearStart() });
  const analytics = useSurveyAnalytics(id, filter);
  const set = (patch: AnalyticsFilter) => setFilter((current) => ({ ...current, ...patch }));
  const municipality = survey.data?.current.questions.find((q) => q.id === 'municipality');
  const data = analytics.data;
  return (
    <>
      <PageHeader
        title={t('surveys.analytics.title')}
        description={survey.data?.title}
        actions={<PollDialog surveyId={id} />}
      />
      <Stack gap="lg">
        <Group align="flex-end" wrap="wrap">
          <DateField
            label={t('surveys.analytics.from')}
            value={filter.from ?? ''}
            max={filter.to}
            onChange={(from) => set({ from })}
          />
          <DateField
            label={t('surveys.analytics.to')}
            value={filter.to ?? ''}
            min={filter.from}
            onChange={(to) => set({ to })}
          />
          <Select
            label={t('surveys.analytics.channel')}
            clearable
            placeholder={t('surveys.analytics.any')}
            data={SURVEY_CHANNELS.map((c) => ({ value: c, label: CHANNEL_TITLES[c] ?? c }))}
            value={filter.channel ?? null}
            onChange={(channel) => set({ channel: channel ?? undefined })}
          />
          {municipality && (
            <Select
              label={municipality.text}
              clearable
              searchable
              placeholder={t('surveys.analytics.any')}
              data={(municipality.options ?? []).map((o) => ({ value: o.id, label: o.label }))}
              value={filter.municipality ?? null}
              onChange={(value) => set({ municipality: value ?? undefined })}
            />
          )}
        </Group>
        <Group>
          <DownloadButton href={reportUrl(id, filter, 'pdf')} label={t('surveys.analytics.reportPdf')} />
          <DownloadButton href={reportUrl(id, filter, 'xlsx')} label={t('surveys.analytics.reportXlsx')} />
          <DownloadButton href={exportUrl(id, filter, 'csv')} label={t('surveys.analytics.rawCsv')} />
          <DownloadButton href={exportUrl(id, filter, 'xlsx')} label={t('surveys.analytics.rawXlsx')} />
        </Group>
        {!data ? (
          <QueryStatus query={analytics} />
        ) : data.hidden ? (
          <Text>{t('surveys.analytics.tooFew', { total: data.total })}</Text>
        ) : (
          <>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <SummaryCard label={t('surveys.analytics.total')} value={String(data.total)} />
              <SummaryCard
                label={t('surveys.analytics.share', { answer: data.satisfaction?.topAnswer ?? '—' })}
                value={percent(data.satisfaction?.share ?? null)}
              />
              <SummaryCard
                label={t('surveys.analytics.meanRating')}
                value={data.meanRating === null ? '—' : data.meanRating.toFixed(2).replace('.', ',')}
              />
            </SimpleGrid>
            <CellsSection title={t('surveys.analytics.months')} cells={data.months} trend />
            {data.distributions.map((d) => (
              <DistributionSection key={d.question} distribution={d} />
            ))}
            {data.themes.map((theme) => (
              <section key={theme.question}>
                <Title order={3} size="h5" mb="xs">
                  {t('surveys.analytics.themes', { question: theme.text })}
                </Title>
                {theme.groups.length === 0 ? (
                  <Text c="dimmed">{t('surveys.analytics.noThemes', { count: theme.answered })}</Text>
                ) : (
                  <List>
                    {theme.groups.map((g) => (
                      <List.Item key={g.title}>
                        {t('surveys.analytics.theme', { title: g.title, count: g.count })}
                      </List.Item>
                    ))}
                  </List>
                )}
              </section>
            ))}
            {data.breakdowns.map((b) => (
              <CellsSection key={b.dimension} title={b.title} cells={b.cells} />
            ))}
          </>
        )}
        {survey.data && (
          <LinkedDecisions
            linkedTo={{ surveyId: id }}
            prefill={{
              survey: {
                id,
                title: survey.data.title,
                questions: survey.data.current.questions
                  .filter((q) => q.type !== 'auto')
                  .map((q) => ({ id: q.id, text: q.code ? `${q.code}. ${q.text}` : q.text })),
              },
            }}
          />
        )}
      </Stack>
    </>
  );
}
