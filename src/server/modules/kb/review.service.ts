import type { ReviewOutcome } from '../../../common/kb.js';
import type {
  DepartmentFreshness,
  FreshnessCounts,
  KbFreshness,
  KbReview,
  SectionFreshness,
} from '../../../common/kb-review.js';
import { NO_DEPARTMENT } from '../../../common/kb-review.js';
import type { Role } from '../../../common/roles.js';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { localDate } from '../../lib/calendar.js';
import { Invalid, NotFound } from '../../lib/errors.js';
import type { CalendarService } from '../agencies/calendar.service.js';
import type { AgencyService } from '../agencies/service.js';
import type { AuditService } from '../audit/service.js';
import type { UserService } from '../auth/users.service.js';
import { assertCanEditSection, canEditSection } from './permissions.js';
import * as repo from './review.repo.js';
import { freshnessOf, nextReviewDueOn } from './review-dates.js';

export interface ReviewInput {
  outcome: ReviewOutcome;
  note?: string;
}

/** Who watches the whole knowledge base; other staff see the sections their departments keep. */
export const FRESHNESS_OVERSEERS: readonly Role[] = ['admin', 'head', 'kb_editor', 'analyst'];

const sectionNotFound = () => new NotFound('kb_section_not_found', 'Раздел базы знаний не найден');

const emptyCounts = (): FreshnessCounts => ({ sections: 0, fresh: 0, dueSoon: 0, overdue: 0 });

function count(into: FreshnessCounts, section: SectionFreshness) {
  into.sections++;
  if (section.state === 'fresh') into.fresh++;
  else if (section.state === 'due_soon') into.dueSoon++;
  else into.overdue++;
}

/** Per-department numbers; every department is listed, so one with no sections shows as such. */
function byDepartment(
  sections: SectionFreshness[],
  departments: { id: string; name: string }[],
): DepartmentFreshness[] {
  const rows = new Map<string | null, DepartmentFreshness>(
    departments.map((d) => [
      d.id,
      {
        departmentId: d.id,
        departmentName: d.name,
        ...emptyCounts(),
        oldestOverdueDays: null,
        lastReviewedAt: null,
      },
    ]),
  );
  for (const section of sections) {
    let row = rows.get(section.departmentId);
    if (!row) {
      row = {
        departmentId: section.departmentId,
        departmentName: section.departmentName,
        ...emptyCounts(),
        oldestOverdueDays: null,
        lastReviewedAt: null,
      };
      rows.set(section.departmentId, row);
    }
    count(row, section);
    if (section.state === 'overdue') {
      row.oldestOverdueDays = Math.max(row.oldestOverdueDays ?? 0, section.overdueDays);
    }
    if (section.lastReviewedAt && (!row.lastReviewedAt || section.lastReviewedAt > row.lastReviewedAt)) {
      row.lastReviewedAt = section.lastReviewedAt;
    }
  }
  return [...rows.values()];
}

/** Seed 003 p. 41: departments check their part of the knowledge base at least once a quarter. */
export function createKbReviewService(deps: {
  db: Db;
  audit: AuditService;
  agencies: AgencyService;
  calendar: CalendarService;
  users: UserService;
}) {
  const { db, audit, agencies, calendar, users } = deps;

  async function requireSection(agencyId: string, id: string) {
    const section = await repo.findSection(db, agencyId, id);
    if (!section) throw sectionNotFound();
    return section;
  }

  return {
    /** «Проверено, изменений нет» or «Проверено, внесены изменения» — the latter says what changed. */
    async review(actor: Actor, sectionId: string, input: ReviewInput, now = new Date()): Promise<KbReview> {
      const note = input.note?.trim() || null;
      if (input.outcome === 'edited' && !note) {
        throw new Invalid('body.note', 'Опишите, какие изменения внесены в раздел');
      }
      const section = await requireSection(actor.agencyId, sectionId);
      assertCanEditSection(actor, section, await users.departmentIdsOf(actor.agencyId, actor.userId));
      const agency = await agencies.byId(actor.agencyId);
      const reviewedOn = localDate(now, agency.timezone);
      const nextDueOn = nextReviewDueOn(
        reviewedOn,
        section.reviewIntervalDays,
        await calendar.forAgency(actor.agencyId),
      );
      const reviewerName = await users.nameOf(actor.userId);
      return db.transaction(async (tx) => {
        const saved = await repo.recordReview(
          tx,
          {
            agencyId: actor.agencyId,
            sectionId,
            outcome: input.outcome,
            note,
            dueOn: section.reviewDueOn,
            reviewerId: actor.userId,
            reviewedAt: now,
          },
          nextDueOn,
        );
        const cycle = (s: repo.SectionRow) => ({
          reviewDueOn: s.reviewDueOn,
          lastReviewedAt: s.lastReviewedAt?.toISOString() ?? null,
          lastReviewedBy: s.lastReviewedBy,
        });
        await audit.record(tx, actor, 'kb_section', sectionId, {
          before: cycle(section),
          after: { ...cycle(saved.section), review: { outcome: input.outcome, note } },
        });
        return {
          id: saved.review.id,
          outcome: saved.review.outcome,
          note: saved.review.note,
          dueOn: saved.review.dueOn,
          reviewedAt: saved.review.reviewedAt.toISOString(),
          reviewerName,
        };
      });
    },

    async history(actor: Actor, sectionId: string): Promise<KbReview[]> {
      await requireSection(actor.agencyId, sectionId);
      const rows = await repo.listReviews(db, actor.agencyId, sectionId);
      return rows.map((row) => ({
        id: row.id,
        outcome: row.outcome,
        note: row.note,
        dueOn: row.dueOn,
        reviewedAt: row.reviewedAt.toISOString(),
        reviewerName: row.reviewerName,
      }));
    },

    /**
     * The freshness dashboard: numbers per department over every section the actor may see, and
     * the section list, narrowed to one department (or `none`) when asked.
     */
    async freshness(actor: Actor, filter: { departmentId?: string }, now = new Date()): Promise<KbFreshness> {
      const agency = await agencies.byId(actor.agencyId);
      const productionCalendar = await calendar.forAgency(actor.agencyId);
      const today = localDate(now, agency.timezone);
      const ownDepartments = await users.departmentIdsOf(actor.agencyId, actor.userId);
      const overseer = actor.roles.some((role) => FRESHNESS_OVERSEERS.includes(role));
      const visible = (departmentId: string | null) =>
        overseer || (departmentId !== null && ownDepartments.includes(departmentId));

      const sections: SectionFreshness[] = (await repo.listSectionsWithOwners(db, actor.agencyId))
        .filter((row) => visible(row.departmentId))
        .map((row) => ({
          ...row,
          lastReviewedAt: row.lastReviewedAt?.toISOString() ?? null,
          ...freshnessOf(row.reviewDueOn, today, productionCalendar),
          canReview: canEditSection(actor, row, ownDepartments),
        }));
      const departments = (await agencies.listDepartments(actor)).filter((d) => visible(d.id));
      const totals = emptyCounts();
      for (const section of sections) count(totals, section);

      const wanted = filter.departmentId === NO_DEPARTMENT ? null : filter.departmentId;
      return {
        today,
        totals,
        departments: byDepartment(sections, departments),
        sections:
          filter.departmentId === undefined ? sections : sections.filter((s) => s.departmentId === wanted),
      };
    },
  };
}

export type KbReviewService = ReturnType<typeof createKbReviewService>;
