import type { FreshnessState } from '../../../common/kb-review.js';
import { imageOf } from './attachments.service.js';
import type { AttachmentRow, PublicationRow, SectionRow } from './repo.js';
import { stateOf } from './service.js';

const iso = (date: Date | null) => date?.toISOString() ?? null;

type Reviewed = Pick<
  SectionRow,
  | 'responsibleUserId'
  | 'reviewIntervalDays'
  | 'reviewDueOn'
  | 'checkedAt'
  | 'checkedBy'
  | 'remindedAt'
  | 'escalatedAt'
>;

const toReview = (row: Reviewed) => ({
  responsibleUserId: row.responsibleUserId,
  reviewIntervalDays: row.reviewIntervalDays,
  reviewDueOn: row.reviewDueOn,
  checkedAt: iso(row.checkedAt),
  checkedBy: row.checkedBy,
  remindedAt: iso(row.remindedAt),
  escalatedAt: iso(row.escalatedAt),
});

export const toSiteSection = (row: SectionRow & { freshness: FreshnessState }) => ({
  id: row.id,
  kind: row.kind,
  slug: row.slug,
  title: row.title,
  position: row.position,
  ...toReview(row),
  freshness: row.freshness,
});

/**
 * A file as the editor sees it: its storage key and extracted text stay on the server; an
 * image's copies are listed by size and format.
 */
export const toSiteFile = (row: AttachmentRow) => ({
  id: row.id,
  fileName: row.fileName,
  contentType: row.contentType,
  size: row.size,
  createdAt: row.createdAt.toISOString(),
  altText: row.altText,
  image: imageOf(row),
});

/** A publication for its editor; the search columns stay in the database. */
export const toSitePublication = (row: PublicationRow & { attachments?: AttachmentRow[] }) => ({
  id: row.id,
  sectionId: row.sectionId,
  slug: row.slug,
  title: row.title,
  summary: row.summary,
  body: row.body,
  status: row.status,
  state: stateOf(row),
  publishAt: iso(row.publishAt),
  disclosureItem: row.disclosureItem,
  ...toReview(row),
  createdBy: row.createdBy,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
  ...(row.attachments ? { attachments: row.attachments.map(toSiteFile) } : {}),
});

/** A row of the editor's list, its moments as ISO text. */
export const toListItem = <T extends { publishAt: Date | null; updatedAt: Date; checkedAt: Date | null }>(
  row: T,
) => ({
  ...row,
  publishAt: iso(row.publishAt),
  updatedAt: row.updatedAt.toISOString(),
  checkedAt: iso(row.checkedAt),
});
