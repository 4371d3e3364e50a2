import { type SQL, sql } from 'drizzle-orm';
import {
  type AnalyticsCell,
  type AnalyticsFilter,
  CHANNEL_TITLES,
  type Distribution,
  MIN_CELL,
  type SurveyAnalytics,
  type TextThemes,
} from '../../../common/survey-analytics.js';
import { resolveQuestions } from '../../../common/survey-engine.js';
import type { Answers, SurveyQuestion } from '../../../common/surveys.js';
import type { Db, Executor } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { Invalid } from '../../lib/errors.js';
import type { AgencyService } from '../agencies/service.js';
import { clusterQuestions, proposalTitle } from '../kb/proposals.cluster.js';
import { satisfactionQuestion } from './answer-values.js';
import { rawCsv, rawTable, rawWorkbook, reportWorkbook } from './report.files.js';
import { renderReportPdf } from './report.pdf.js';
import type { SurveyService } from './service.js';

/** The follow-up texts clustered per question: the newest ones, enough for themes, bounded in time. */
const MAX_TEXTS = 5000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const rowsOf = async <T>(db: Executor, query: SQL) =>
  ((await db.execute(query)) as unknown as { rows: T[] }).rows;

const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);

/** k-anonymity (seed 002 p. 3.3): a cell of fewer than MIN_CELL answers carries no numbers. */
function cell(key: string, label: string, count: number, satisfied: number | null): AnalyticsCell {
  if (count < MIN_CELL) return { key, label, count: null, satisfiedShare: null, hidden: true };
  return {
    key,
    label,
    count,
    satisfiedShare: satisfied === null ? null : share(satisfied, count),
    hidden: false,
  };
}

function checkFilter(filter: AnalyticsFilter) {
  for (const field of ['from', 'to'] as const) {
    const value = filter[field];
    if (value !== undefined && (!DATE.test(value) || Number.isNaN(Date.parse(value))))
      throw new Invalid(`querystring.${field}`, 'Дата должна быть в формате ГГГГ-ММ-ДД');
  }
  if (filter.from && filter.to && filter.from > filter.to)
    throw new Invalid('querystring.to', 'Конец периода раньше его начала');
}

export function createSurveyAnalytics(deps: { db: Db; agencies: AgencyService; surveys: SurveyService }) {
  const { db, agencies, surveys } = deps;

  /** The survey, its current questions and the filters as SQL over any table with the response columns. */
  async function context(actor: Actor, surveyId: string, filter: AnalyticsFilter) {
    checkFilter(filter);
    const survey = await surveys.requireSurvey(actor.agencyId, surveyId);
    const version = await surveys.requireCurrent(actor.agencyId, survey.id);
    const questions = resolveQuestions(version.definition);
    const agency = await agencies.byId(actor.agencyId);
    const { timezone } = agency;
    const municipality = questions.find((q) => q.id === 'municipality');
    const scope = (alias: string, responseId: string) => {
      const a = sql.raw(alias);
      const parts = [sql`${a}.agency_id = ${actor.agencyId}`, sql`${a}.survey_id = ${survey.id}`];
      if (filter.from)
        parts.push(sql`${a}.submitted_at >= (${filter.from}::date::timestamp at time zone ${timezone})`);
      if (filter.to)
        parts.push(sql`${a}.submitted_at < ((${filter.to}::date + 1)::timestamp at time zone ${timezone})`);
      if (filter.channel) parts.push(sql`${a}.channel = ${filter.channel}`);
      if (filter.municipality && municipality)
        parts.push(sql`${sql.raw(responseId)} in (select m.response_id from survey_answer_values m
          where m.agency_id = ${actor.agencyId} and m.survey_id = ${survey.id}
            and m.question = ${municipality.id} and m.value = ${filter.municipality})`);
      return sql.join(parts, sql` and `);
    };
    return { agency, version, questions, timezone, municipality, scope };
  }

  async function analytics(
    actor: Actor,
    surveyId: string,
    filter: AnalyticsFilter,
  ): Promise<SurveyAnalytics> {
    const { version, questions, timezone, municipality, scope } = await context(actor, surveyId, filter);
    const [{ total = 0 } = {}] = await rowsOf<{ total: number }>(
      db,
      sql`select count(*)::int as total from survey_responses r where ${scope('r', 'r.id')}`,
    );
    const base = {
      title: version.definition.title,
      from: filter.from ?? null,
      to: filter.to ?? null,
      total,
    };
    if (total < MIN_CELL)
      return {
        ...base,
        hidden: true,
        satisfaction: null,
        meanRating: null,
        distributions: [],
        themes: [],
        months: [],
        breakdowns: [],
      };

    const top = satisfactionQuestion(questions);
    const counts = await rowsOf<{ question: string; row: string; value: string; n: number }>(
      db,
      sql`select v.question, v.row, v.value, count(*)::int as n from survey_answer_values v
          where ${scope('v', 'v.response_id')} group by 1, 2, 3`,
    );
    // Months and channels in one pass over the responses; `satisfied` is stored, so no join.
    const grouped = await rowsOf<{
      month: string | null;
      channel: string | null;
      n: number;
      satisfied: number;
    }>(
      db,
      sql`select month, channel, count(*)::int as n, count(*) filter (where satisfied)::int as satisfied
          from (select to_char(r.submitted_at at time zone ${timezone}, 'YYYY-MM') as month, r.channel,
                  r.satisfied
                from survey_responses r where ${scope('r', 'r.id')}) answered
          group by grouping sets ((month), (channel))`,
    );
    const months = grouped
      .filter((g) => g.month !== null)
      .map((g) => ({ key: g.month as string, n: g.n, satisfied: g.satisfied }))
      .sort((x, y) => x.key.localeCompare(y.key));
    const channels = grouped
      .filter((g) => g.channel !== null)
      .map((g) => ({ key: g.channel as string, n: g.n, satisfied: g.satisfied }))
      .sort((x, y) => x.key.localeCompare(y.key));
    const dimensions = questions.filter((q) => q.id === municipality?.id || q.demographic);
    const dimensionCounts = dimensions.length
      ? await rowsOf<{ question: string; key: string; n: number; satisfied: number }>(
          db,
          sql`select g.question, g.value as key, count(*)::int as n,
                count(*) filter (where g.satisfied)::int as satisfied
              from survey_answer_values g
              where ${scope('g', 'g.response_id')} and g.row = ''
                and g.question in (${sql.join(
                  dimensions.map((d) => sql`${d.id}`),
                  sql`, `,
                )})
              group by 1, 2`,
        )
      : [];

    // Municipality and demographics are told only as breakdowns, where small cells are hidden.
    const distributions = questions
      .filter((q) => ['single', 'multiple', 'matrix', 'rating', 'yesno'].includes(q.type))
      .filter((q) => !dimensions.includes(q))
      .map((question) => distributionOf(question, counts));
    const answeredTop = top ? counts.filter((c) => c.question === top.question.id) : [];
    const satisfied = answeredTop.find((c) => c.value === top?.option.id)?.n ?? 0;
    const answered = answeredTop.reduce((sum, c) => sum + c.n, 0);
    const scores = counts.filter((c) => questions.find((q) => q.id === c.question)?.type === 'rating');
    const scoreCount = scores.reduce((sum, c) => sum + c.n, 0);
    const satisfiedCount = (satisfiedInCell: number) => (top ? satisfiedInCell : null);

    return {
      ...base,
      hidden: false,
      satisfaction: top
        ? {
            question: top.question.id,
            text: top.question.text,
            topAnswer: top.option.label,
            satisfied,
            answered,
            share: share(satisfied, answered),
          }
        : null,
      meanRating: scoreCount ? scores.reduce((sum, c) => sum + Number(c.value) * c.n, 0) / scoreCount : null,
      distributions,
      themes: await themes(scope, questions),
      months: months.map((m) => cell(m.key, m.key, m.n, satisfiedCount(m.satisfied))),
      breakdowns: [
        {
          dimension: 'channel',
          title: 'Канал',
          cells: channels.map((c) =>
            cell(c.key, CHANNEL_TITLES[c.key] ?? c.key, c.n, satisfiedCount(c.satisfied)),
          ),
        },
        ...dimensions.map((dimension) => ({
          dimension: dimension.id,
          title: dimension.text,
          cells: (dimension.options ?? []).flatMap((option) => {
            const found = dimensionCounts.find((d) => d.question === dimension.id && d.key === option.id);
            return found ? [cell(option.id, option.label, found.n, satisfiedCount(found.satisfied))] : [];
          }),
        })),
      ],
    };
  }

  /** The 1–3 follow-up texts («какую информацию Вы не нашли») grouped by shared words. */
  async function themes(scope: (alias: string, id: string) => SQL, questions: SurveyQuestion[]) {
    const followUps = questions.filter((q) => q.type === 'text' && q.showWhen);
    const result: TextThemes[] = [];
    for (const question of followUps) {
      const texts = await rowsOf<{ id: string; value: string }>(
        db,
        sql`select v.response_id::text as id, v.value from survey_answer_values v
            where ${scope('v', 'v.response_id')} and v.question = ${question.id}
            order by v.submitted_at desc limit ${MAX_TEXTS}`,
      );
      const clusters = clusterQuestions(
        texts.map((t) => ({ id: t.id, source: 'request' as const, text: t.value, departmentId: null })),
        MIN_CELL,
      );
      result.push({
        question: question.id,
        text: question.text,
        answered: texts.length,
        groups: clusters
          .map((c) => ({ title: proposalTitle(c), words: c.words, count: c.ids.length }))
          .sort((a, b) => b.count - a.count),
      });
    }
    return result;
  }

  /** Seed 002 «ежегодный мониторинг»: the analytics for a period as a PDF or a workbook. */
  async function report(actor: Actor, surveyId: string, filter: AnalyticsFilter, format: 'pdf' | 'xlsx') {
    const [result, agency] = await Promise.all([
      analytics(actor, surveyId, filter),
      agencies.byId(actor.agencyId),
    ]);
    const generatedAt = new Intl.DateTimeFormat('ru-RU', {
      dateStyle: 'short',
      timeZone: agency.timezone,
    }).format(new Date());
    return format === 'pdf' ? renderReportPdf(result, agency, generatedAt) : reportWorkbook(result, agency);
  }

  /** Every answer of the period, one row per response (issue 8 p. 6, the federal feedback platform). */
  async function raw(actor: Actor, surveyId: string, filter: AnalyticsFilter, format: 'csv' | 'xlsx') {
    const { questions, timezone, scope } = await context(actor, surveyId, filter);
    const rows = await rowsOf<{ answers: Answers; channel: string; submitted_at: string | Date }>(
      db,
      sql`select r.answers, r.channel, r.submitted_at from survey_responses r
          where ${scope('r', 'r.id')} order by r.submitted_at, r.id`,
    );
    const table = rawTable(
      questions,
      rows.map((r) => ({ answers: r.answers, channel: r.channel, submittedAt: new Date(r.submitted_at) })),
      timezone,
    );
    return format === 'csv' ? rawCsv(table) : rawWorkbook(table);
  }

  return { analytics, report, raw };
}

function distributionOf(
  question: SurveyQuestion,
  counts: { question: string; row: string; value: string; n: number }[],
): Distribution {
  const mine = counts.filter((c) => c.question === question.id);
  const rated = question.type === 'rating';
  const columns = rated
    ? [1, 2, 3, 4, 5].map((n) => ({ id: String(n), label: String(n) }))
    : (question.options ?? []);
  const rows = question.rows?.length
    ? question.rows.map((r) => ({ key: r.id, label: r.label, code: r.code ?? null }))
    : [{ key: '', label: question.text, code: question.code ?? null }];
  return {
    question: question.id,
    code: question.code ?? null,
    text: question.text,
    type: question.type,
    rows: rows.map((row) => {
      const inRow = mine.filter((c) => c.row === row.key);
      const answered = inRow.reduce((sum, c) => sum + c.n, 0);
      const sum = inRow.reduce((total, c) => total + Number(c.value) * c.n, 0);
      return {
        ...row,
        cells: columns.map((col) => ({
          key: col.id,
          label: col.label,
          count: inRow.find((c) => c.value === col.id)?.n ?? 0,
        })),
        answered,
        mean: rated && answered ? sum / answered : null,
      };
    }),
  };
}

export type SurveyAnalyticsService = ReturnType<typeof createSurveyAnalytics>;
