import { sql } from 'drizzle-orm';
import {
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { ImageVariantFormat, PublicationStatus, SiteSectionKind } from '../../../common/site.js';
import { agencies } from '../agencies/schema.js';
import { users } from '../auth/schema.js';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * Accuracy control (seed 000 p. 7.1): who answers for a page or section, when it was last
 * checked, when it is due again, and when the reminder and the escalation for that due date went
 * out (reset by the next check, so each goes once per due date).
 */
const review = () => ({
  responsibleUserId: uuid('responsible_user_id').references(() => users.id, { onDelete: 'set null' }),
  reviewIntervalDays: integer('review_interval_days').notNull().default(90),
  reviewDueOn: date('review_due_on', { mode: 'string' }).notNull(),
  checkedAt: timestamp('checked_at', { withTimezone: true }),
  checkedBy: uuid('checked_by').references(() => users.id, { onDelete: 'set null' }),
  remindedAt: timestamp('reminded_at', { withTimezone: true }),
  escalatedAt: timestamp('escalated_at', { withTimezone: true }),
});

/** A section of the agency's site: news, legal acts, HR… (issue 10 p. 1). */
export const siteSections = pgTable(
  'site_sections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<SiteSectionKind>().notNull(),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    position: integer('position').notNull().default(0),
    ...review(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('site_sections_agency_slug').on(t.agencyId, t.slug),
    index('site_sections_agency_due').on(t.agencyId, t.reviewDueOn),
  ],
);

/**
 * A publication or page of a section. `searchText` is the body without markup plus the text of
 * the attachments, kept by the service; the search vector weighs title over summary over the rest.
 */
export const sitePublications = pgTable(
  'site_publications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    sectionId: uuid('section_id')
      .notNull()
      .references(() => siteSections.id, { onDelete: 'restrict' }),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    body: text('body').notNull().default(''),
    status: text('status').$type<PublicationStatus>().notNull().default('draft'),
    // Visible from this moment when published; set on publishing, or ahead to schedule.
    publishAt: timestamp('publish_at', { withTimezone: true }),
    // The 8-ФЗ ст. 13 item this page discloses (presets/site/disclosure.json), if any.
    disclosureItem: text('disclosure_item'),
    searchText: text('search_text').notNull().default(''),
    search: tsvector('search').generatedAlwaysAs(
      sql`setweight(to_tsvector('russian', coalesce(title, '')), 'A') || setweight(to_tsvector('russian', coalesce(summary, '')), 'B') || setweight(to_tsvector('russian', coalesce(search_text, '')), 'C')`,
    ),
    ...review(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('site_publications_agency_slug').on(t.agencyId, t.slug),
    index('site_publications_section').on(t.sectionId, t.status, t.publishAt),
    index('site_publications_agency_due').on(t.agencyId, t.reviewDueOn),
    // The editor's list opens on the most recently changed first.
    index('site_publications_agency_updated').on(t.agencyId, t.updatedAt.desc()),
    index('site_publications_search').using('gin', t.search),
  ],
);

/** A resized copy of an image, kept in the attachment store under its own key. */
export interface StoredImageVariant {
  width: number;
  height: number;
  format: ImageVariantFormat;
  key: string;
  size: number;
}

/**
 * A file of a publication (PDF, DOCX, an image); `text` is what was extracted from it for search.
 * An image carries its displayed size and its resized copies; one uploaded before copies were
 * made has neither, and is shown as the original.
 */
export const siteAttachments = pgTable(
  'site_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    publicationId: uuid('publication_id')
      .notNull()
      .references(() => sitePublications.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    storageKey: text('storage_key').notNull(),
    text: text('text').notNull().default(''),
    width: integer('width'),
    height: integer('height'),
    variants: jsonb('variants').$type<StoredImageVariant[]>().notNull().default([]),
    // The editor's text alternative of an image (WCAG 1.1.1); without it the portal uses the file name.
    altText: text('alt_text'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('site_attachments_publication').on(t.publicationId)],
);
