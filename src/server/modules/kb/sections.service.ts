import type { Db } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { localDate } from '../../lib/calendar.js';
import { Conflict, Invalid, NotFound } from '../../lib/errors.js';
import type { CalendarService } from '../agencies/calendar.service.js';
import type { AgencyService } from '../agencies/service.js';
import type { AuditService } from '../audit/service.js';
import type { UserService } from '../auth/users.service.js';
import { canEditSection } from './permissions.js';
import { nextReviewDueOn } from './review-dates.js';
import * as repo from './sections.repo.js';

export interface SectionInput {
  title: string;
  description: string;
  departmentId: string | null;
  reviewIntervalDays: number;
}

const sectionNotFound = () => new NotFound('kb_section_not_found', 'Раздел базы знаний не найден');

function toSection(row: repo.SectionRow) {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    departmentId: row.departmentId,
    reviewIntervalDays: row.reviewIntervalDays,
    reviewDueOn: row.reviewDueOn,
    lastReviewedAt: row.lastReviewedAt?.toISOString() ?? null,
    starter: row.starter,
  };
}

/**
 * Sections of the knowledge base, one per function, each owned by the department that carries
 * it out (seed 003 p. 39). The agency's administrators and knowledge-base editors shape them.
 */
export function createKbSectionService(deps: {
  db: Db;
  audit: AuditService;
  agencies: AgencyService;
  calendar: CalendarService;
  users: UserService;
}) {
  const { db, audit, agencies, calendar, users } = deps;

  async function assertInput(agencyId: string, input: Partial<SectionInput>, exceptId?: string) {
    if (input.departmentId && !(await agencies.departmentIdsOf(agencyId)).includes(input.departmentId)) {
      throw new Invalid('body.departmentId', 'Такого подразделения в ведомстве нет');
    }
    if (input.title !== undefined) {
      const same = await repo.findSectionByTitle(db, agencyId, input.title);
      if (same && same.id !== exceptId) {
        throw new Invalid('body.title', 'Раздел с таким названием уже есть', 'kb_section_title_taken');
      }
    }
  }

  /** Seed 003 p. 41: the next check falls `interval` days after the last one (or the start), on a working day. */
  async function dueOn(agencyId: string, from: Date, intervalDays: number) {
    const agency = await agencies.byId(agencyId);
    return nextReviewDueOn(
      localDate(from, agency.timezone),
      intervalDays,
      await calendar.forAgency(agencyId),
    );
  }

  return {
    async list(actor: Actor) {
      const [rows, departmentIds] = await Promise.all([
        repo.listSections(db, actor.agencyId),
        users.departmentIdsOf(actor.agencyId, actor.userId),
      ]);
      return rows.map((row) => ({
        ...toSection(row.section),
        departmentName: row.departmentName,
        articleCount: row.articleCount,
        archivedCount: row.archivedCount,
        canEdit: canEditSection(actor, row.section, departmentIds),
      }));
    },

    async create(actor: Actor, input: SectionInput) {
      const values = { ...input, title: input.title.trim(), description: input.description.trim() };
      await assertInput(actor.agencyId, values);
      const reviewDueOn = await dueOn(actor.agencyId, new Date(), values.reviewIntervalDays);
      return db.transaction(async (tx) => {
        const row = await repo.insertSection(tx, { ...values, agencyId: actor.agencyId, reviewDueOn });
        await audit.record(tx, actor, 'kb_section', row.id, { after: toSection(row) });
        return toSection(row);
      });
    },

    async update(actor: Actor, id: string, patch: Partial<SectionInput>) {
      const values = {
        ...patch,
        ...(patch.title === undefined ? {} : { title: patch.title.trim() }),
        ...(patch.description === undefined ? {} : { description: patch.description.trim() }),
      };
      await assertInput(actor.agencyId, values, id);
      const before = await repo.findSection(db, actor.agencyId, id);
      if (!before) throw sectionNotFound();
      const reviewDueOn =
        values.reviewIntervalDays === undefined || values.reviewIntervalDays === before.reviewIntervalDays
          ? undefined
          : await dueOn(actor.agencyId, before.lastReviewedAt ?? before.createdAt, values.reviewIntervalDays);
      return db.transaction(async (tx) => {
        const row = await repo.updateSection(tx, actor.agencyId, id, {
          ...values,
          ...(reviewDueOn ? { reviewDueOn } : {}),
        });
        if (!row) throw sectionNotFound();
        await audit.record(tx, actor, 'kb_section', id, { before: toSection(before), after: toSection(row) });
        return toSection(row);
      });
    },

    /** Only an empty section goes: articles, archived ones too, keep their history in it. */
    async remove(actor: Actor, id: string) {
      await db.transaction(async (tx) => {
        const before = await repo.findSection(tx, actor.agencyId, id);
        if (!before) throw sectionNotFound();
        const articles = await repo.countArticlesIn(tx, actor.agencyId, id);
        if (articles > 0) {
          throw new Conflict(
            'kb_section_not_empty',
            `Раздел не пуст (статей, включая архивные: ${articles}): перенесите их в другой раздел, затем удалите раздел`,
          );
        }
        await repo.deleteSection(tx, actor.agencyId, id);
        await audit.record(tx, actor, 'kb_section', id, { before: toSection(before) });
      });
    },
  };
}

export type KbSectionService = ReturnType<typeof createKbSectionService>;
