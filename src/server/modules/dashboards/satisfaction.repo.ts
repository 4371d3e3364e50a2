import { type SQL, sql } from 'drizzle-orm';
import type { SatisfactionCell } from '../../../common/dashboard.js';
import { CHANNEL_TITLES, MIN_CELL } from '../../../common/survey-analytics.js';
import { resolveQuestions } from '../../../common/survey-engine.js';
import type { SurveyDefinition } from '../../../common/surveys.js';
import type { Executor } from '../../db/client.js';
import { satisfactionQuestion } from '../surveys/answer-values.js';
import { periodSql, rowsOf, type Scope, share, sumOf } from './scope.js';

/** The post-call survey of the consult line (seed 003 p. 27.3), told beside the survey channels. */
export const CALL_SURVEY_CHANNEL = 'consult_line';

function satisfactionCell(key: string, answered: number, satisfied: number): SatisfactionCell {
  if (answered < MIN_CELL) return { key, answered, satisfied: null, share: null, hidden: true };
  return { key, answered, satisfied, share: share(satisfied, answered), hidden: false };
}

/** The satisfaction and rating questions of each survey's current form. */
async function surveyQuestions(db: Executor, agencyId: string) {
  const versions = await rowsOf<{ survey_id: string; definition: SurveyDefinition }>(
    db,
    sql`select distinct on (v.survey_id) v.survey_id, v.definition from survey_versions v
        where v.agency_id = ${agencyId} order by v.survey_id, v.number desc`,
  );
  const top: SQL[] = [];
  const ratings: SQL[] = [];
  for (const version of versions) {
    const questions = resolveQuestions(version.definition);
    const found = satisfactionQuestion(questions);
    if (found) top.push(sql`(${version.survey_id}::uuid, ${found.question.id}, ${found.option.id})`);
    for (const q of questions.filter((q) => q.type === 'rating'))
      ratings.push(sql`(${version.survey_id}::uuid, ${q.id})`);
  }
  return { top, ratings };
}

/**
 * CSAT as the survey analytics define it — the share of the top answer («удовлетворен»,
 * «скорее удовлетворен») to each form's satisfaction question — plus the post-call survey.
 */
export async function satisfaction(db: Executor, scope: Scope) {
  const tz = scope.agency.timezone;
  const { top, ratings } = await surveyQuestions(db, scope.agency.id);
  type Row = { channel: string | null; month: string | null; n: number; satisfied: number };
  const surveyRows = top.length
    ? await rowsOf<Row>(
        db,
        sql`select channel, month, count(*)::int as n, count(*) filter (where satisfied)::int as satisfied
            from (select v.channel, to_char(v.submitted_at at time zone ${tz}, 'YYYY-MM') as month,
                    v.value = t.top as satisfied
                  from survey_answer_values v
                  join (values ${sql.join(top, sql`, `)}) as t(survey_id, question, top)
                    on v.survey_id = t.survey_id and v.question = t.question
                  where v.agency_id = ${scope.agency.id} and ${periodSql(sql`v.submitted_at`, scope)}
                    and v.row = '') answers
            group by grouping sets ((channel), (month))`,
      )
    : [];
  const callRows = await rowsOf<Row>(
    db,
    sql`select channel, month, count(*)::int as n, count(*) filter (where satisfied)::int as satisfied
        from (select ${CALL_SURVEY_CHANNEL}::text as channel,
                to_char(c.started_at at time zone ${tz}, 'YYYY-MM') as month,
                c.survey_quality = 'satisfied' as satisfied
              from calls c
              where c.agency_id = ${scope.agency.id} and ${periodSql(sql`c.started_at`, scope)}
                and c.survey_quality is not null) answers
        group by grouping sets ((channel), (month))`,
  );
  const [rated] = ratings.length
    ? await rowsOf<{ n: number; total: number | null }>(
        db,
        sql`select count(*)::int as n, sum(v.value::numeric)::float8 as total
            from survey_answer_values v
            join (values ${sql.join(ratings, sql`, `)}) as t(survey_id, question)
              on v.survey_id = t.survey_id and v.question = t.question
            where v.agency_id = ${scope.agency.id} and ${periodSql(sql`v.submitted_at`, scope)}`,
      )
    : [];
  const all = [...surveyRows, ...callRows];
  const byChannel = all.filter((r) => r.channel !== null);
  const monthly = new Map<string, { n: number; satisfied: number }>();
  for (const r of all.filter((row) => row.month !== null)) {
    const month = monthly.get(r.month as string) ?? { n: 0, satisfied: 0 };
    monthly.set(r.month as string, { n: month.n + r.n, satisfied: month.satisfied + r.satisfied });
  }
  const answered = sumOf(byChannel);
  const satisfied = byChannel.reduce((sum, r) => sum + r.satisfied, 0);
  return {
    answered,
    satisfied,
    share: share(satisfied, answered),
    meanRating: rated?.n ? (rated.total ?? 0) / rated.n : null,
    byChannel: byChannel
      .map((r) => satisfactionCell(r.channel as string, r.n, r.satisfied))
      .sort((x, y) => x.key.localeCompare(y.key)),
    months: [...monthly]
      .sort(([x], [y]) => x.localeCompare(y))
      .map(([month, m]) => satisfactionCell(month, m.n, m.satisfied)),
  };
}

export const SATISFACTION_CHANNEL_TITLES: Record<string, string> = {
  ...CHANNEL_TITLES,
  [CALL_SURVEY_CHANNEL]: 'Консультационная линия (опрос после звонка)',
};
