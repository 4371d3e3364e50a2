import type { Topic, TypicalNeed } from '../../../common/classification.js';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { Conflict, Invalid, NotFound } from '../../lib/errors.js';
import type { AgencyService } from '../agencies/service.js';
import type { AuditService } from '../audit/service.js';
import * as repo from './repo.js';

export type TopicInput = repo.TopicValues;
export type NeedInput = repo.NeedValues;

const toNeed = (row: repo.NeedRow): TypicalNeed => ({
  id: row.id,
  topicId: row.topicId,
  name: row.name,
  archived: row.archived,
  sortOrder: row.sortOrder,
});

const toTopic = (row: repo.TopicRow, needs: repo.NeedRow[]): Topic => ({
  id: row.id,
  name: row.name,
  defaultDepartmentId: row.defaultDepartmentId,
  archived: row.archived,
  sortOrder: row.sortOrder,
  needs: needs.filter((need) => need.topicId === row.id).map(toNeed),
});

const topicNotFound = () => new NotFound('topic_not_found', 'Тема не найдена');
const needNotFound = () => new NotFound('typical_need_not_found', 'Типовая потребность не найдена');

function isUniqueViolation(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string } }).cause ?? error;
  return (cause as { code?: string }).code === '23505';
}

/** Runs a write; a duplicate name (unique index on lower(name)) becomes a 409 on body.name. */
async function uniqueName<T>(write: () => Promise<T>, message: string): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw new Conflict('name_taken', message, 'body.name');
    throw error;
  }
}

/** The agency's topic taxonomy (seed 003 p. 9.1): topics and the typical needs under each. */
export function createTaxonomyService(db: Db, audit: AuditService, agencies: AgencyService) {
  async function assertDepartment(agencyId: string, departmentId: string | null | undefined) {
    if (departmentId && !(await agencies.departmentIdsOf(agencyId)).includes(departmentId)) {
      throw new Invalid('body.defaultDepartmentId', 'Такого подразделения в ведомстве нет');
    }
  }

  async function requireTopic(agencyId: string, id: string) {
    const row = await repo.findTopic(db, agencyId, id);
    if (!row) throw topicNotFound();
    return row;
  }

  return {
    async list(agencyId: string): Promise<Topic[]> {
      const [topics, needs] = await Promise.all([
        repo.listTopics(db, agencyId),
        repo.listNeeds(db, agencyId),
      ]);
      return topics.map((row) => toTopic(row, needs));
    },

    /** The topic and need a request may be classified with: the agency's own and not archived. */
    async checkChoice(agencyId: string, topicId: string, needId: string | null) {
      const topic = await repo.findTopic(db, agencyId, topicId);
      if (!topic || topic.archived) throw new Invalid('body.topicId', 'Выберите действующую тему ведомства');
      if (!needId) return { topic, need: null };
      const need = await repo.findNeed(db, agencyId, needId);
      if (!need || need.archived || need.topicId !== topic.id) {
        throw new Invalid('body.typicalNeedId', 'Выберите типовую потребность из выбранной темы');
      }
      return { topic, need };
    },

    async createTopic(actor: Actor, input: TopicInput): Promise<Topic> {
      await assertDepartment(actor.agencyId, input.defaultDepartmentId);
      const values = { ...input, name: input.name.trim() };
      return uniqueName(
        () =>
          db.transaction(async (tx) => {
            const created = toTopic(await repo.insertTopic(tx, actor.agencyId, values), []);
            await audit.record(tx, actor, 'topic', created.id, { after: created });
            return created;
          }),
        'Тема с таким названием уже есть',
      );
    },

    /** Edits a topic; archiving is `archived: true` — classified requests keep their topic. */
    async updateTopic(actor: Actor, id: string, patch: Partial<TopicInput>): Promise<Topic> {
      await assertDepartment(actor.agencyId, patch.defaultDepartmentId);
      const before = toTopic(await requireTopic(actor.agencyId, id), []);
      const values = patch.name === undefined ? patch : { ...patch, name: patch.name.trim() };
      return uniqueName(
        () =>
          db.transaction(async (tx) => {
            const row = await repo.updateTopic(tx, actor.agencyId, id, values);
            if (!row) throw topicNotFound();
            const after = toTopic(row, []);
            await audit.record(tx, actor, 'topic', id, { before, after });
            return toTopic(row, await repo.listNeeds(tx, actor.agencyId));
          }),
        'Тема с таким названием уже есть',
      );
    },

    async createNeed(actor: Actor, topicId: string, input: NeedInput): Promise<TypicalNeed> {
      await requireTopic(actor.agencyId, topicId);
      return uniqueName(
        () =>
          db.transaction(async (tx) => {
            const row = await repo.insertNeed(tx, actor.agencyId, topicId, {
              ...input,
              name: input.name.trim(),
            });
            const created = toNeed(row);
            await audit.record(tx, actor, 'typical_need', created.id, { after: created });
            return created;
          }),
        'В этой теме уже есть такая потребность',
      );
    },

    async updateNeed(actor: Actor, id: string, patch: Partial<NeedInput>): Promise<TypicalNeed> {
      const existing = await repo.findNeed(db, actor.agencyId, id);
      if (!existing) throw needNotFound();
      const values = patch.name === undefined ? patch : { ...patch, name: patch.name.trim() };
      return uniqueName(
        () =>
          db.transaction(async (tx) => {
            const row = await repo.updateNeed(tx, actor.agencyId, id, values);
            if (!row) throw needNotFound();
            await audit.record(tx, actor, 'typical_need', id, {
              before: toNeed(existing),
              after: toNeed(row),
            });
            return toNeed(row);
          }),
        'В этой теме уже есть такая потребность',
      );
    },
  };
}

export type TaxonomyService = ReturnType<typeof createTaxonomyService>;
