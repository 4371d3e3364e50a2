import type { FreshnessState } from '../../../common/kb-review.js';
import { type PublicationState, SITE_DEFAULT_REVIEW_DAYS } from '../../../common/site.js';
import type { Db, Executor } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { localDate } from '../../lib/calendar.js';
import { Invalid, NotFound } from '../../lib/errors.js';
import { type PageRequest, pageWindow, toPage } from '../../lib/paging.js';
import type { CalendarService } from '../agencies/calendar.service.js';
import type { AgencyService } from '../agencies/service.js';
import type { AuditService } from '../audit/service.js';
import type { UserService } from '../auth/users.service.js';
import { freshnessOf, nextReviewDueOn } from '../kb/review-dates.js';
import { plainText, sanitizeBody } from '../kb/sanitize.js';
import type { DisclosurePreset } from './disclosure.js';
import { type EditorListFilter, pageOfPublications } from './editor-list.repo.js';
import * as repo from './repo.js';
import { DEFAULT_SECTIONS, slugOf } from './sections.js';

export interface PublicationInput {
  sectionId: string;
  title: string;
  summary: string;
  body: string;
  slug?: string;
  disclosureItem: string | null;
  responsibleUserId: string | null;
  reviewIntervalDays: number;
}

export const publicationNotFound = () => new NotFound('publication_not_found', 'Публикация не найдена');
const sectionNotFound = () => new NotFound('site_section_not_found', 'Раздел сайта не найден');

/** The state the editor sees: a published page whose moment is still ahead is «scheduled». */
export const stateOf = (row: Pick<repo.PublicationRow, 'status' | 'publishAt'>, now = new Date()) =>
  (row.status === 'published' && row.publishAt && row.publishAt > now
    ? 'scheduled'
    : row.status) as PublicationState;

/** The text search reads: the body without markup, then each attachment's text. */
export const searchTextOf = (body: string, attachmentTexts: string[]) =>
  [plainText(body), ...attachmentTexts].filter(Boolean).join('\n');

/** Sections and publications of the agency's site as editors see them (issue 10 p. 1). */
export function createSiteService(deps: {
  db: Db;
  audit: AuditService;
  agencies: AgencyService;
  calendar: CalendarService;
  users: UserService;
  disclosure: DisclosurePreset;
}) {
  const { db, audit, agencies, calendar, users, disclosure } = deps;

  async function dueFrom(agencyId: string, intervalDays: number, now: Date) {
    const agency = await agencies.byId(agencyId);
    return nextReviewDueOn(localDate(now, agency.timezone), intervalDays, await calendar.forAgency(agencyId));
  }

  /** The agency's calendar date and production calendar, against which re-check dates are read. */
  async function reviewClock(agencyId: string, now: Date) {
    const agency = await agencies.byId(agencyId);
    const productionCalendar = await calendar.forAgency(agencyId);
    const today = localDate(now, agency.timezone);
    return {
      today,
      freshness: (dueOn: string): FreshnessState => freshnessOf(dueOn, today, productionCalendar).state,
    };
  }

  /**
   * A new re-check interval counts from the last check (or the creation), and the reminder and
   * escalation go again for the new due date; the same interval changes nothing.
   */
  async function rescheduled(
    agencyId: string,
    current: { reviewIntervalDays: number; checkedAt: Date | null; createdAt: Date },
    intervalDays: number,
  ) {
    if (intervalDays === current.reviewIntervalDays) return {};
    const from = current.checkedAt ?? current.createdAt;
    return { reviewDueOn: await dueFrom(agencyId, intervalDays, from), remindedAt: null, escalatedAt: null };
  }

  async function withFreshness(agencyId: string, row: repo.SectionRow, now: Date) {
    return { ...row, freshness: (await reviewClock(agencyId, now)).freshness(row.reviewDueOn) };
  }

  async function sections(agencyId: string) {
    const existing = await repo.listSections(db, agencyId);
    if (existing.length >= DEFAULT_SECTIONS.length) return existing;
    const reviewDueOn = await dueFrom(agencyId, SITE_DEFAULT_REVIEW_DAYS, new Date());
    await repo.insertMissingSections(
      db,
      DEFAULT_SECTIONS.map((section, position) => ({ agencyId, ...section, position, reviewDueOn })),
    );
    return repo.listSections(db, agencyId);
  }

  async function assertResponsible(agencyId: string, userId: string | null) {
    if (userId && (await users.activeMembers(agencyId, [userId])).length === 0) {
      throw new Invalid('body.responsibleUserId', 'Ответственный должен быть сотрудником ведомства');
    }
  }

  async function checkInput(actor: Actor, input: PublicationInput) {
    if (!(await repo.findSection(db, actor.agencyId, input.sectionId))) {
      throw new Invalid('body.sectionId', 'Такого раздела сайта нет');
    }
    if (input.disclosureItem && !disclosure.items.some((item) => item.key === input.disclosureItem)) {
      throw new Invalid('body.disclosureItem', 'Такого пункта ст. 13 8-ФЗ нет');
    }
    await assertResponsible(actor.agencyId, input.responsibleUserId);
  }

  async function freeSlug(agencyId: string, wanted: string, ownId?: string) {
    for (let n = 1; ; n++) {
      const slug = n === 1 ? wanted : `${wanted}-${n}`;
      const owner = await repo.slugOwner(db, agencyId, slug);
      if (!owner || owner === ownId) return slug;
    }
  }

  async function withAttachments(row: repo.PublicationRow) {
    return { ...row, attachments: await repo.listAttachments(db, row.agencyId, row.id) };
  }

  async function found(actor: Actor, id: string, executor: Executor = db) {
    const row = await repo.findPublication(executor, actor.agencyId, id);
    if (!row) throw publicationNotFound();
    return row;
  }

  async function setState(actor: Actor, id: string, set: Partial<repo.PublicationRow>) {
    return db.transaction(async (tx) => {
      const before = await found(actor, id, tx);
      const row = (await repo.updatePublication(tx, actor.agencyId, id, set)) as repo.PublicationRow;
      await audit.record(tx, actor, 'site_publication', id, {
        before: { status: before.status, publishAt: before.publishAt },
        after: { status: row.status, publishAt: row.publishAt },
      });
      return row;
    });
  }

  return {
    /** The sections with how fresh each one's accuracy check is (seed 000 p. 7.1). */
    async sections(actor: Actor, now = new Date()) {
      const clock = await reviewClock(actor.agencyId, now);
      return (await sections(actor.agencyId)).map((row) => ({
        ...row,
        freshness: clock.freshness(row.reviewDueOn),
      }));
    },
    ensureSections: sections,

    /** Whom the editor can make responsible for a section or page: the agency's active staff. */
    responsibles: (actor: Actor) => users.activeStaff(actor.agencyId),

    /** Who answers for the section's accuracy and how often it is re-checked. */
    async updateSection(
      actor: Actor,
      id: string,
      input: { responsibleUserId: string | null; reviewIntervalDays: number },
      now = new Date(),
    ) {
      const section = await repo.findSection(db, actor.agencyId, id);
      if (!section) throw sectionNotFound();
      await assertResponsible(actor.agencyId, input.responsibleUserId);
      const due = await rescheduled(actor.agencyId, section, input.reviewIntervalDays);
      const row = await repo.updateSection(db, actor.agencyId, id, { ...input, ...due });
      return withFreshness(actor.agencyId, row as repo.SectionRow, now);
    },

    /** «Проверено»: the section is accurate as of now; the next check is due after its interval. */
    async checkSection(actor: Actor, id: string, now = new Date()) {
      const section = await repo.findSection(db, actor.agencyId, id);
      if (!section) throw sectionNotFound();
      const reviewDueOn = await dueFrom(actor.agencyId, section.reviewIntervalDays, now);
      const row = await repo.updateSection(db, actor.agencyId, id, {
        checkedAt: now,
        checkedBy: actor.userId,
        reviewDueOn,
        remindedAt: null,
        escalatedAt: null,
      });
      return withFreshness(actor.agencyId, row as repo.SectionRow, now);
    },

    /** The editor's list, a page at a time; archived pages have no freshness, they are not checked. */
    async list(actor: Actor, filter: EditorListFilter & PageRequest, now = new Date()) {
      const { page, limit, offset } = pageWindow(filter);
      const clock = await reviewClock(actor.agencyId, now);
      const { total, rows } = await pageOfPublications(
        db,
        actor.agencyId,
        filter,
        { now, today: clock.today },
        { limit, offset },
      );
      const items = rows.map(({ status, ...row }) => {
        const state = stateOf({ status, publishAt: row.publishAt }, now);
        return { ...row, state, freshness: state === 'archived' ? null : clock.freshness(row.reviewDueOn) };
      });
      return toPage(items, total, page, limit);
    },

    get: async (actor: Actor, id: string) => withAttachments(await found(actor, id)),

    async create(actor: Actor, input: PublicationInput, now = new Date()) {
      await checkInput(actor, input);
      const slug = await freeSlug(actor.agencyId, slugOf(input.slug || input.title));
      const reviewDueOn = await dueFrom(actor.agencyId, input.reviewIntervalDays, now);
      const body = sanitizeBody(input.body);
      return db.transaction(async (tx) => {
        const row = await repo.insertPublication(tx, {
          ...input,
          agencyId: actor.agencyId,
          slug,
          body,
          searchText: searchTextOf(body, []),
          reviewDueOn,
          createdBy: actor.userId,
        });
        await audit.record(tx, actor, 'site_publication', row.id, { after: { title: row.title, slug } });
        return { ...row, attachments: [] };
      });
    },

    async update(actor: Actor, id: string, input: PublicationInput) {
      await checkInput(actor, input);
      const slug = await freeSlug(actor.agencyId, slugOf(input.slug || input.title), id);
      const body = sanitizeBody(input.body);
      const texts = (await repo.listAttachments(db, actor.agencyId, id)).map((a) => a.text);
      // Outside the transaction: the calendar is read through the outer connection.
      const due = await rescheduled(actor.agencyId, await found(actor, id), input.reviewIntervalDays);
      const row = await db.transaction(async (tx) => {
        const before = await found(actor, id, tx);
        const updated = (await repo.updatePublication(tx, actor.agencyId, id, {
          ...input,
          ...due,
          slug,
          body,
          searchText: searchTextOf(body, texts),
        })) as repo.PublicationRow;
        await audit.record(tx, actor, 'site_publication', id, {
          before: { title: before.title, slug: before.slug },
          after: { title: updated.title, slug },
        });
        return updated;
      });
      return withAttachments(row);
    },

    /** Publishes now, or at `publishAt` when that is ahead (scheduled). */
    publish: (actor: Actor, id: string, publishAt: Date | null, now = new Date()) =>
      setState(actor, id, { status: 'published', publishAt: publishAt ?? now }),
    unpublish: (actor: Actor, id: string) => setState(actor, id, { status: 'draft', publishAt: null }),
    archive: (actor: Actor, id: string) => setState(actor, id, { status: 'archived' }),

    async checkPublication(actor: Actor, id: string, now = new Date()) {
      const row = await found(actor, id);
      const reviewDueOn = await dueFrom(actor.agencyId, row.reviewIntervalDays, now);
      return (await repo.updatePublication(db, actor.agencyId, id, {
        checkedAt: now,
        checkedBy: actor.userId,
        reviewDueOn,
        remindedAt: null,
        escalatedAt: null,
      })) as repo.PublicationRow;
    },

    /** The ст. 13 8-ФЗ checklist: each item, and whether a visible page discloses it. */
    async disclosureChecklist(actor: Actor, now = new Date()) {
      const disclosed = await repo.disclosedItems(db, actor.agencyId, now);
      return {
        law: disclosure.law,
        items: disclosure.items.map((item) => ({ ...item, disclosed: disclosed.has(item.key) })),
      };
    },
  };
}

export type SiteService = ReturnType<typeof createSiteService>;
