import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  customType,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type {
  KbKind,
  KbUseContext,
  KbVisibility,
  ProposalStatus,
  ReviewOutcome,
  ScriptStage,
} from '../../../common/kb.js';
import { agencies, departments } from '../agencies/schema.js';
import { users } from '../auth/schema.js';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * A section of the knowledge base per function of the agency, filled by the department that
 * carries out the function (seed 003 p. 38–39) and reviewed at least quarterly (p. 41).
 * A section without a department is kept by the agency's knowledge-base editors.
 */
export const kbSections = pgTable(
  'kb_sections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    departmentId: uuid('department_id').references(() => departments.id, { onDelete: 'set null' }),
    reviewIntervalDays: integer('review_interval_days').notNull().default(90),
    // The working day by which the owners must check the section (agency's calendar).
    reviewDueOn: date('review_due_on', { mode: 'string' }).notNull(),
    lastReviewedAt: timestamp('last_reviewed_at', { withTimezone: true }),
    lastReviewedBy: uuid('last_reviewed_by').references(() => users.id, { onDelete: 'set null' }),
    // When the reminder and the escalation for the current due date went out; reset by a review.
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    position: integer('position').notNull().default(0),
    starter: boolean('starter').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('kb_sections_agency_title').on(t.agencyId, t.title),
    index('kb_sections_agency_due').on(t.agencyId, t.reviewDueOn),
  ],
);

/**
 * An article of one of the kinds of seed 003 p. 40, or a call script (p. 27.1). Bodies are
 * sanitised HTML, except templates, whose bodies are plain text with {{placeholders}}: `body` is
 * the formal variant for letters and e-mail, `shortBody` the one for social networks and chats.
 * `searchText` is the body without markup plus the tags, kept by the service for search.
 */
export const kbArticles = pgTable(
  'kb_articles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    sectionId: uuid('section_id')
      .notNull()
      .references(() => kbSections.id, { onDelete: 'restrict' }),
    kind: text('kind').$type<KbKind>().notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    shortBody: text('short_body'),
    scriptStage: text('script_stage').$type<ScriptStage>(),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    visibility: text('visibility').$type<KbVisibility>().notNull().default('internal'),
    active: boolean('active').notNull().default(true),
    // Built from the seeds when the agency was created, to be reviewed by its staff (issue 6 p. 8).
    starter: boolean('starter').notNull().default(false),
    version: integer('version').notNull().default(1),
    searchText: text('search_text').notNull().default(''),
    search: tsvector('search').generatedAlwaysAs(
      sql`setweight(to_tsvector('russian', coalesce(title, '')), 'A') || setweight(to_tsvector('russian', coalesce(search_text, '')), 'B')`,
    ),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('kb_articles_agency_kind').on(t.agencyId, t.kind, t.active),
    index('kb_articles_section').on(t.sectionId),
    index('kb_articles_search').using('gin', t.search),
    // Typo-tolerant matching of titles («земелный участок»).
    index('kb_articles_title_trgm').using('gin', t.title.op('gin_trgm_ops')),
  ],
);

/** Every saved state of an article, numbered from 1; restoring an old one saves a new version. */
export const kbArticleVersions = pgTable(
  'kb_article_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    articleId: uuid('article_id')
      .notNull()
      .references(() => kbArticles.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    sectionId: uuid('section_id').notNull(),
    kind: text('kind').$type<KbKind>().notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    shortBody: text('short_body'),
    scriptStage: text('script_stage').$type<ScriptStage>(),
    tags: text('tags').array().notNull(),
    visibility: text('visibility').$type<KbVisibility>().notNull(),
    active: boolean('active').notNull(),
    // What the author said about the change («закон изменён», «восстановлена версия 3»).
    note: text('note'),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('kb_article_versions_article_version').on(t.articleId, t.version)],
);

/** Files attached to an article (a scanned order, a form to fill in). */
export const kbAttachments = pgTable(
  'kb_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    articleId: uuid('article_id')
      .notNull()
      .references(() => kbArticles.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    storageKey: text('storage_key').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('kb_attachments_article').on(t.articleId)],
);

/** Links between articles, taken from the article bodies on save (`/console/kb/articles/<id>`). */
export const kbArticleLinks = pgTable(
  'kb_article_links',
  {
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    fromId: uuid('from_id')
      .notNull()
      .references(() => kbArticles.id, { onDelete: 'cascade' }),
    toId: uuid('to_id')
      .notNull()
      .references(() => kbArticles.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.fromId, t.toId] }), index('kb_article_links_to').on(t.toId)],
);

/** A section checked by its owners: confirmed as it is, or brought up to date (seed 003 p. 41). */
export const kbReviews = pgTable(
  'kb_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    sectionId: uuid('section_id')
      .notNull()
      .references(() => kbSections.id, { onDelete: 'cascade' }),
    outcome: text('outcome').$type<ReviewOutcome>().notNull(),
    note: text('note'),
    // The due date this review met (or missed, when `reviewedAt` is past it).
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    reviewerId: uuid('reviewer_id').references(() => users.id, { onDelete: 'set null' }),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('kb_reviews_section').on(t.sectionId, t.reviewedAt)],
);

/** An article put to use: inserted into an answer, read out on a call, opened from search. */
export const kbArticleUses = pgTable(
  'kb_article_uses',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    articleId: uuid('article_id')
      .notNull()
      .references(() => kbArticles.id, { onDelete: 'cascade' }),
    context: text('context').$type<KbUseContext>().notNull(),
    // The request or call it was used for, when there was one.
    subjectId: uuid('subject_id'),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('kb_article_uses_article').on(t.articleId, t.at)],
);

/**
 * A question that keeps arriving without an article to answer it (seed 003 p. 41): a cluster of
 * similar requests and calls, proposed to the owning department as a new FAQ entry.
 */
export const kbProposals = pgTable(
  'kb_proposals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    departmentId: uuid('department_id').references(() => departments.id, { onDelete: 'set null' }),
    // The words the cluster shares, sorted; the same cluster found again is not proposed twice.
    fingerprint: text('fingerprint').notNull(),
    title: text('title').notNull(),
    terms: text('terms').array().notNull(),
    sampleText: text('sample_text').notNull(),
    requestIds: uuid('request_ids').array().notNull().default(sql`'{}'::uuid[]`),
    callIds: uuid('call_ids').array().notNull().default(sql`'{}'::uuid[]`),
    size: integer('size').notNull(),
    status: text('status').$type<ProposalStatus>().notNull().default('open'),
    articleId: uuid('article_id').references(() => kbArticles.id, { onDelete: 'set null' }),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('kb_proposals_agency_fingerprint').on(t.agencyId, t.fingerprint),
    index('kb_proposals_agency_status').on(t.agencyId, t.status),
  ],
);

/**
 * Which starter items (issue 6 p. 8) an agency has been given, by the item's key in
 * `presets/kb/starter.json`. A key once here is never loaded again, so what staff rewrote,
 * archived or deleted stays so across restarts, while items added to the presets later still
 * reach installs that already have a knowledge base.
 */
export const kbStarterItems = pgTable(
  'kb_starter_items',
  {
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    // The section or article made for the key; later items of a section go into it while it exists.
    itemId: uuid('item_id'),
    loadedAt: timestamp('loaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.key] })],
);
