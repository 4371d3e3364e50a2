import { Type } from 'typebox';
import { FRESHNESS_STATES } from '../../../common/kb-review.js';
import {
  IMAGE_VARIANT_FORMATS,
  PUBLICATION_STATES,
  PUBLICATION_STATUSES,
  SITE_SECTION_KINDS,
} from '../../../common/site.js';
import { pageOf, Uuid } from '../../http/schemas.js';

// What the staff site routes answer: the OpenAPI document describes it, and Fastify sends only
// these fields (the search vector, the extracted text and the storage key stay in the database).

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);
const Timestamp = Type.String({ format: 'date-time' });
const CalendarDate = Type.String({ format: 'date' });
const Freshness = Type.Enum(FRESHNESS_STATES);

/** Accuracy control (seed 000 p. 7.1): who answers, how often, when checked, when due. */
const Review = {
  responsibleUserId: Nullable(Uuid),
  reviewIntervalDays: Type.Integer(),
  reviewDueOn: CalendarDate,
  checkedAt: Nullable(Timestamp),
  checkedBy: Nullable(Uuid),
  remindedAt: Nullable(Timestamp),
  escalatedAt: Nullable(Timestamp),
};

export const SiteSection = Type.Object({
  id: Uuid,
  kind: Type.Enum(SITE_SECTION_KINDS),
  slug: Type.String(),
  title: Type.String(),
  position: Type.Integer(),
  ...Review,
  freshness: Freshness,
});

export const SiteFile = Type.Object({
  id: Uuid,
  fileName: Type.String(),
  contentType: Type.String(),
  size: Type.Integer(),
  createdAt: Timestamp,
  altText: Nullable(Type.String()),
  image: Nullable(
    Type.Object({
      width: Nullable(Type.Integer()),
      height: Nullable(Type.Integer()),
      variants: Type.Array(Type.Object({ width: Type.Integer(), format: Type.Enum(IMAGE_VARIANT_FORMATS) })),
    }),
  ),
});

export const SitePublication = Type.Object({
  id: Uuid,
  sectionId: Uuid,
  slug: Type.String(),
  title: Type.String(),
  summary: Type.String(),
  body: Type.String(),
  status: Type.Enum(PUBLICATION_STATUSES),
  state: Type.Enum(PUBLICATION_STATES),
  publishAt: Nullable(Timestamp),
  disclosureItem: Nullable(Type.String()),
  ...Review,
  createdBy: Nullable(Uuid),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  attachments: Type.Optional(Type.Array(SiteFile)),
});

/** A row of the editor's list: no body; the section's title; freshness, none when archived. */
export const PublicationListPage = pageOf(
  Type.Object({
    id: Uuid,
    sectionId: Uuid,
    sectionTitle: Type.String(),
    slug: Type.String(),
    title: Type.String(),
    state: Type.Enum(PUBLICATION_STATES),
    publishAt: Nullable(Timestamp),
    updatedAt: Timestamp,
    checkedAt: Nullable(Timestamp),
    reviewDueOn: CalendarDate,
    responsibleUserId: Nullable(Uuid),
    freshness: Nullable(Freshness),
  }),
);

export const Responsible = Type.Object({ id: Uuid, name: Type.String(), email: Type.String() });

export const DisclosureChecklist = Type.Object({
  law: Type.String(),
  items: Type.Array(
    Type.Object({
      key: Type.String(),
      section: Type.Enum(SITE_SECTION_KINDS),
      text: Type.String(),
      disclosed: Type.Boolean(),
    }),
  ),
});

export const FreshnessOverview = Type.Object({
  counts: Type.Object({
    sections: Type.Integer(),
    fresh: Type.Integer(),
    dueSoon: Type.Integer(),
    overdue: Type.Integer(),
  }),
  items: Type.Array(
    Type.Object({
      target: Type.Union([Type.Literal('section'), Type.Literal('publication')]),
      id: Uuid,
      title: Type.String(),
      responsibleUserId: Nullable(Uuid),
      responsibleName: Nullable(Type.String()),
      checkedAt: Nullable(Timestamp),
      reviewDueOn: CalendarDate,
      state: Freshness,
      workingDaysLeft: Type.Integer(),
      overdueDays: Type.Integer(),
    }),
  ),
});
