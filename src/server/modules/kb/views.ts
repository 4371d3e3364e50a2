import type * as articlesRepo from './articles.repo.js';
import type { KbAttachmentRow } from './attachments.repo.js';

type Found = NonNullable<Awaited<ReturnType<typeof articlesRepo.findArticle>>>;

export function toArticleSummary({ article, sectionTitle, departmentId }: Found) {
  return {
    id: article.id,
    kind: article.kind,
    title: article.title,
    tags: article.tags,
    visibility: article.visibility,
    scriptStage: article.scriptStage,
    hasShortBody: article.shortBody !== null,
    active: article.active,
    starter: article.starter,
    version: article.version,
    sectionId: article.sectionId,
    sectionTitle,
    departmentId,
    updatedAt: article.updatedAt.toISOString(),
  };
}

export function toKbAttachment(row: KbAttachmentRow) {
  return {
    id: row.id,
    name: row.fileName,
    mimeType: row.contentType,
    size: row.size,
    uploadedBy: row.uploadedBy,
    createdAt: row.createdAt.toISOString(),
  };
}
