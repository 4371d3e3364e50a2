import { answersFromCodes, paperFieldOf } from '../../../common/survey-definition.js';
import { cleanAnswers, resolveQuestions, validateAnswers } from '../../../common/survey-engine.js';
import type { Answers, PublicSurvey, SurveyChannel } from '../../../common/surveys.js';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { Conflict, DomainError, Invalid } from '../../lib/errors.js';
import { type PageRequest, pageWindow } from '../../lib/paging.js';
import { sha256 } from '../../lib/tokens.js';
import type { AgencyService } from '../agencies/service.js';
import type { AuditService } from '../audit/service.js';
import { flattenAnswers, insertAnswerValues, isSatisfied } from './answer-values.js';
import * as repo from './repo.js';
import { type SurveyService, surveyNotFound } from './service.js';

const tokenSpent = () =>
  new Conflict(
    'token_used',
    'По этой ссылке уже ответили: анкету можно заполнить только один раз',
    'body.token',
  );

interface Submission {
  answers: unknown;
  channel: SurveyChannel;
  /** Where the answers sit in the request, for error paths. */
  path: string;
  enteredBy: string | null;
  token?: string;
}

/** Answers from respondents and from operators (issue 8 pp. 3–4), never tied to who gave them. */
export function createSurveyResponses(deps: {
  db: Db;
  audit: AuditService;
  agencies: AgencyService;
  surveys: SurveyService;
}) {
  const { db, audit, agencies, surveys } = deps;

  async function publishedSurvey(agencySlug: string, slug: string) {
    const agencyId = await agencies.idBySlug(agencySlug);
    const survey = await repo.findSurveyBySlug(db, agencyId, slug);
    if (!survey?.published) throw surveyNotFound();
    return { agencyId, survey };
  }

  /** Validates, fills the automatic fields (seed 001 block 1), spends the token and stores — all or nothing. */
  async function store(agencyId: string, survey: repo.SurveyRow, submission: Submission) {
    const version = await surveys.requireCurrent(agencyId, survey.id);
    const questions = resolveQuestions(version.definition);
    const errors = validateAnswers(questions, submission.answers, {
      path: submission.path,
      allowAuto: submission.enteredBy !== null,
    });
    const [first] = errors;
    if (first) throw new DomainError(400, 'invalid_answers', first.message, first.field);
    const answers: Answers = cleanAnswers(questions, submission.answers as Answers);
    if (Object.keys(answers).length === 0) {
      throw new Invalid(submission.path, 'Ответьте хотя бы на один вопрос', 'empty_response');
    }
    const now = new Date();
    for (const question of questions) {
      if (question.autoFill === 'agency') answers[question.id] = (await agencies.byId(agencyId)).name;
      if (question.autoFill === 'datetime' && answers[question.id] === undefined)
        answers[question.id] = now.toISOString();
    }
    if (survey.requireToken && !submission.token && submission.enteredBy === null) {
      throw new Invalid(
        'body.token',
        'Этот опрос проводится по персональным ссылкам: откройте анкету по ссылке из приглашения',
        'token_required',
      );
    }
    return db.transaction(async (tx) => {
      let channel = submission.channel;
      if (submission.token) {
        const hash = sha256(submission.token);
        const spent = await repo.spendToken(tx, agencyId, survey.id, hash);
        if (!spent) {
          if (await repo.tokenExists(tx, agencyId, survey.id, hash)) throw tokenSpent();
          throw new Invalid('body.token', 'Ссылка на анкету недействительна', 'token_invalid');
        }
        // An invitation sent by e-mail or SMS poll records that channel (issue 8 p. 3).
        channel = spent.channel ?? channel;
      }
      const row = await repo.insertResponse(tx, {
        agencyId,
        surveyId: survey.id,
        versionId: version.id,
        channel,
        answers,
        enteredBy: submission.enteredBy,
        submittedAt: now,
        satisfied: isSatisfied(questions, answers),
      });
      await insertAnswerValues(tx, row, flattenAnswers(questions, answers));
      // An operator's entry is a staff change like any other; a respondent's own answer is not audited.
      if (submission.enteredBy) {
        await audit.record(tx, { agencyId, userId: submission.enteredBy }, 'survey_response', row.id, {
          after: { surveyId: survey.id, channel },
        });
      }
      return { id: row.id, version: version.number, submittedAt: row.submittedAt.toISOString() };
    });
  }

  return {
    async listPublic(agencySlug: string) {
      const agencyId = await agencies.idBySlug(agencySlug);
      const rows = (await repo.listSurveys(db, agencyId)).filter((row) => row.published);
      return Promise.all(
        rows.map(async (row) => ({
          slug: row.slug,
          title: (await surveys.requireCurrent(agencyId, row.id)).definition.title,
        })),
      );
    },

    async getPublic(agencySlug: string, slug: string): Promise<PublicSurvey> {
      const { agencyId, survey } = await publishedSurvey(agencySlug, slug);
      const version = await surveys.requireCurrent(agencyId, survey.id);
      return {
        slug: survey.slug,
        title: version.definition.title,
        intro: version.definition.intro ?? null,
        anonymous: survey.anonymous,
        requireToken: survey.requireToken,
        version: version.number,
        questions: resolveQuestions(version.definition),
      };
    },

    async submitPublic(
      agencySlug: string,
      slug: string,
      input: { answers: unknown; channel: SurveyChannel; token?: string },
    ) {
      const { agencyId, survey } = await publishedSurvey(agencySlug, slug);
      return store(agencyId, survey, { ...input, path: 'body.answers', enteredBy: null });
    },

    /** A phone or paper questionnaire typed in by an operator; paper may be given by its codes. */
    async enterByStaff(
      actor: Actor,
      surveyId: string,
      input: { channel: 'phone' | 'paper'; answers?: unknown; codes?: Record<string, string | number> },
    ) {
      const survey = await surveys.requireSurvey(actor.agencyId, surveyId);
      if (input.codes === undefined) {
        return store(actor.agencyId, survey, {
          answers: input.answers ?? {},
          channel: input.channel,
          path: 'body.answers',
          enteredBy: actor.userId,
        });
      }
      if (input.answers !== undefined)
        throw new Invalid('body.codes', 'Передайте либо ответы, либо коды анкеты');
      const version = await surveys.requireCurrent(actor.agencyId, surveyId);
      const questions = resolveQuestions(version.definition);
      const { answers, errors } = answersFromCodes(questions, input.codes);
      const [first] = [
        ...errors,
        ...validateAnswers(questions, answers, { path: 'body.answers', allowAuto: true }),
      ];
      if (first) throw new Invalid(paperFieldOf(questions, first.field), first.message, 'invalid_answers');
      return store(actor.agencyId, survey, {
        answers,
        channel: input.channel,
        path: 'body.answers',
        enteredBy: actor.userId,
      });
    },

    async list(actor: Actor, surveyId: string, paging: PageRequest) {
      await surveys.requireSurvey(actor.agencyId, surveyId);
      const { page, limit, offset } = pageWindow(paging);
      const [total, rows] = await Promise.all([
        repo.countResponses(db, actor.agencyId, surveyId),
        repo.listResponses(db, actor.agencyId, surveyId, limit, offset),
      ]);
      return {
        total,
        page,
        pages: Math.max(1, Math.ceil(total / limit)),
        items: rows.map((row) => ({
          id: row.id,
          versionId: row.versionId,
          channel: row.channel,
          answers: row.answers,
          submittedAt: row.submittedAt.toISOString(),
        })),
      };
    },
  };
}
