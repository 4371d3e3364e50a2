import { checkDefinition } from '../../../common/survey-definition.js';
import { resolveQuestions } from '../../../common/survey-engine.js';
import type { SurveyDefinition, SurveyRow } from '../../../common/surveys.js';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { Conflict, Invalid, NotFound } from '../../lib/errors.js';
import { randomToken, sha256 } from '../../lib/tokens.js';
import type { AuditService } from '../audit/service.js';
import { definitionOf, loadSurveyPresets, type SurveyPreset } from './presets.js';
import * as repo from './repo.js';

export const MAX_TOKENS_PER_ISSUE = 1000;

/** Postgres 23505, however deep the driver wrapped it. */
function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: string }).code === '23505') return true;
  }
  return false;
}

export const surveyNotFound = () => new NotFound('survey_not_found', 'Опрос не найден');

const toSummary = (row: repo.SurveyRow, version: repo.VersionRow | undefined, responses: number) => ({
  id: row.id,
  slug: row.slug,
  title: version?.definition.title ?? row.slug,
  published: row.published,
  anonymous: row.anonymous,
  requireToken: row.requireToken,
  version: version?.number ?? 0,
  responses,
});

const toVersion = (row: repo.VersionRow) => ({
  id: row.id,
  number: row.number,
  createdAt: row.createdAt.toISOString(),
  definition: row.definition,
  questions: resolveQuestions(row.definition),
});

/** Forms and their versions (issue 8 p. 1): an edit never changes what earlier respondents saw. */
export function createSurveyService(deps: { db: Db; audit: AuditService; presets: SurveyPreset[] }) {
  const { db, audit, presets } = deps;

  async function requireSurvey(agencyId: string, id: string) {
    const survey = await repo.findSurvey(db, agencyId, id);
    if (!survey) throw surveyNotFound();
    return survey;
  }

  async function requireCurrent(agencyId: string, surveyId: string) {
    const version = await repo.currentVersion(db, agencyId, surveyId);
    if (!version) throw surveyNotFound();
    return version;
  }

  /** Writes the next version; the unique (survey, number) index turns a concurrent edit into a 409. */
  async function addVersion(actor: Actor, surveyId: string, definition: SurveyDefinition) {
    const problem = checkDefinition(definition);
    if (problem) throw new Invalid(problem.field, problem.message);
    const current = await requireCurrent(actor.agencyId, surveyId);
    try {
      const version = await db.transaction(async (tx) => {
        const row = await repo.insertVersion(tx, {
          agencyId: actor.agencyId,
          surveyId,
          number: current.number + 1,
          definition,
          createdBy: actor.userId,
        });
        await audit.record(tx, actor, 'survey_version', row.id, {
          before: { number: current.number, definition: current.definition },
          after: { number: row.number, definition },
        });
        return row;
      });
      return toVersion(version);
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new Conflict(
          'version_conflict',
          'Опрос только что изменил другой сотрудник. Обновите страницу',
        );
      }
      throw error;
    }
  }

  async function get(actor: Actor, id: string) {
    const survey = await requireSurvey(actor.agencyId, id);
    const [current, versions, responses] = await Promise.all([
      requireCurrent(actor.agencyId, id),
      repo.listVersions(db, actor.agencyId, id),
      repo.countResponses(db, actor.agencyId, id),
    ]);
    return {
      ...toSummary(survey, current, responses),
      current: toVersion(current),
      versions: versions.map((v) => ({ ...v, createdAt: v.createdAt.toISOString() })),
    };
  }

  return {
    requireSurvey,
    requireCurrent,

    /** For a new agency and for the preset agencies at start (same transaction as the agency). */
    loadPresets: (tx: Parameters<typeof loadSurveyPresets>[0], agency: { id: string; slug: string }) =>
      loadSurveyPresets(tx, agency, presets),

    async list(actor: Actor) {
      const [rows, counts] = await Promise.all([
        repo.listSurveys(db, actor.agencyId),
        repo.responseCounts(db, actor.agencyId),
      ]);
      return Promise.all(
        rows.map(async (row) =>
          toSummary(row, await repo.currentVersion(db, actor.agencyId, row.id), counts.get(row.id) ?? 0),
        ),
      );
    },

    get,

    async version(actor: Actor, surveyId: string, versionId: string) {
      await requireSurvey(actor.agencyId, surveyId);
      const version = await repo.findVersion(db, actor.agencyId, surveyId, versionId);
      if (!version) throw new NotFound('version_not_found', 'Версия опроса не найдена');
      return toVersion(version);
    },

    async edit(actor: Actor, surveyId: string, definition: SurveyDefinition) {
      await requireSurvey(actor.agencyId, surveyId);
      return addVersion(actor, surveyId, definition);
    },

    /** Seed 001: «перечень источников уточняется ведомством» — the rows of every resource question. */
    async editResources(actor: Actor, surveyId: string, labels: { id?: string; label: string }[]) {
      await requireSurvey(actor.agencyId, surveyId);
      const current = await requireCurrent(actor.agencyId, surveyId);
      if (!current.definition.questions.some((q) => q.rowsFromResources)) {
        throw new Invalid('body.resources', 'В этом опросе нет перечня ресурсов');
      }
      const taken = new Set(labels.map((l) => l.id).filter(Boolean));
      let next = 1;
      const resources: SurveyRow[] = labels.map(({ id, label }) => {
        if (id) return { id, label: label.trim() };
        while (taken.has(`r${next}`)) next++;
        taken.add(`r${next}`);
        return { id: `r${next}`, label: label.trim() };
      });
      return addVersion(actor, surveyId, { ...current.definition, resources });
    },

    async updateSettings(
      actor: Actor,
      id: string,
      patch: { published?: boolean; anonymous?: boolean; requireToken?: boolean },
    ) {
      const before = await requireSurvey(actor.agencyId, id);
      const after = await db.transaction(async (tx) => {
        const row = await repo.updateSurvey(tx, actor.agencyId, id, patch);
        if (!row) throw surveyNotFound();
        const pick = (r: repo.SurveyRow) => ({
          published: r.published,
          anonymous: r.anonymous,
          requireToken: r.requireToken,
        });
        await audit.record(tx, actor, 'survey', id, { before: pick(before), after: pick(row) });
        return row;
      });
      return toSummary(
        after,
        await requireCurrent(actor.agencyId, id),
        await repo.countResponses(db, actor.agencyId, id),
      );
    },

    /** One-time tokens, shown once: only their SHA-256 is stored (seed 002 p. 3.3). */
    async issueTokens(actor: Actor, surveyId: string, howMany: number) {
      await requireSurvey(actor.agencyId, surveyId);
      const tokens = Array.from({ length: howMany }, () => randomToken());
      await db.transaction(async (tx) => {
        await repo.insertTokens(
          tx,
          tokens.map((token) => ({
            agencyId: actor.agencyId,
            surveyId,
            tokenHash: sha256(token),
            createdBy: actor.userId,
          })),
        );
        await audit.record(tx, actor, 'survey_tokens', surveyId, { after: { issued: howMany } });
      });
      return tokens;
    },

    templates() {
      return presets.filter((p) => p.template).map((p) => ({ key: p.key, title: p.title }));
    },

    /** A survey of the agency's own started from a template form (seed 001's form is one for all). */
    async createFromTemplate(actor: Actor, key: string, slug: string) {
      const preset = presets.find((p) => p.template && p.key === key);
      if (!preset) throw new Invalid('body.template', 'Такого шаблона нет');
      const created = await db.transaction(async (tx) => {
        const survey = await repo.insertSurveyIfAbsent(tx, {
          agencyId: actor.agencyId,
          slug,
          anonymous: preset.anonymous,
        });
        if (!survey) throw new Conflict('survey_exists', 'Опрос с таким адресом уже есть', 'body.slug');
        await repo.insertVersion(tx, {
          agencyId: actor.agencyId,
          surveyId: survey.id,
          number: 1,
          definition: definitionOf(preset),
          createdBy: actor.userId,
        });
        await audit.record(tx, actor, 'survey', survey.id, { after: { slug, template: key } });
        return survey;
      });
      return get(actor, created.id);
    },
  };
}

export type SurveyService = ReturnType<typeof createSurveyService>;
