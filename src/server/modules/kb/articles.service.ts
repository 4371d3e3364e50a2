import type { KbKind } from '../../../common/kb.js';
import type { Db, Executor } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { Invalid, NotFound } from '../../lib/errors.js';
import type { AuditService } from '../audit/service.js';
import type { UserService } from '../auth/users.service.js';
import { type ArticleText, articleContent } from './article-content.js';
import * as articlesRepo from './articles.repo.js';
import { listAttachments } from './attachments.repo.js';
import { assertCanEditSection, canEditSection } from './permissions.js';
import * as repo from './repo.js';
import { findSection } from './sections.repo.js';
import { toArticleSummary, toKbAttachment } from './views.js';

export interface ArticleInput extends ArticleText {
  sectionId: string;
  kind: KbKind;
  note: string | null;
}
export type ArticlePatch = Partial<Omit<ArticleInput, 'kind'>>;

export const articleNotFound = () => new NotFound('kb_article_not_found', 'Статья базы знаний не найдена');

/** What the audit keeps of a change; the texts themselves are in the versions. */
const auditView = (article: repo.ArticleRow) => ({
  version: article.version,
  sectionId: article.sectionId,
  title: article.title,
  tags: article.tags,
  visibility: article.visibility,
  active: article.active,
});

/**
 * Articles of the knowledge base (seed 003 p. 40): every save is a new version with its author
 * (issue 6 p. 3); only the owning department's staff and the editors write (p. 39).
 */
export function createKbArticleService(deps: { db: Db; audit: AuditService; users: UserService }) {
  const { db, audit, users } = deps;

  /** The section, which the actor must be allowed to write in; an unknown one is a bad field. */
  async function writableSection(tx: Executor, actor: Actor, sectionId: string, departmentIds: string[]) {
    const section = await findSection(tx, actor.agencyId, sectionId);
    if (!section) throw new Invalid('body.sectionId', 'Такого раздела базы знаний нет');
    assertCanEditSection(actor, section, departmentIds);
    return section;
  }

  /** Links only to articles of the same agency; a link to anything else is a mistake to fix. */
  async function keepLinks(tx: Executor, actor: Actor, articleId: string, linkedIds: string[]) {
    const targets = linkedIds.filter((id) => id !== articleId);
    const known = await articlesRepo.existingArticleIds(tx, actor.agencyId, targets);
    const unknown = targets.find((id) => !known.has(id));
    if (unknown) {
      throw new Invalid('body.body', `Ссылка ведёт на статью, которой нет в базе знаний: ${unknown}`);
    }
    await articlesRepo.replaceLinks(tx, actor.agencyId, articleId, targets);
  }

  async function detail(executor: Executor, actor: Actor, id: string, departmentIds?: string[]) {
    const found = await articlesRepo.findArticle(executor, actor.agencyId, id);
    if (!found) throw articleNotFound();
    const { article } = found;
    const [attachments, links, names, mine] = await Promise.all([
      listAttachments(executor, actor.agencyId, id),
      articlesRepo.linksOf(executor, actor.agencyId, id),
      articlesRepo.namesOf(executor, [article.createdBy, article.updatedBy]),
      departmentIds ?? users.departmentIdsOf(actor.agencyId, actor.userId),
    ]);
    const person = (userId: string | null) => (userId ? { id: userId, name: names.get(userId) ?? '' } : null);
    return {
      ...toArticleSummary(found),
      body: article.body,
      shortBody: article.shortBody,
      section: { id: article.sectionId, title: found.sectionTitle, departmentId: found.departmentId },
      createdAt: article.createdAt.toISOString(),
      createdBy: person(article.createdBy),
      updatedBy: person(article.updatedBy),
      attachments: attachments.map(toKbAttachment),
      links,
      canEdit: canEditSection(actor, { departmentId: found.departmentId }, mine),
    };
  }

  /** Applies `patch` as a new version, checked whole as the article will then read. */
  async function save(actor: Actor, id: string, patch: ArticlePatch & { active?: boolean }) {
    const departmentIds = await users.departmentIdsOf(actor.agencyId, actor.userId);
    return db.transaction(async (tx) => {
      const found = await articlesRepo.findArticle(tx, actor.agencyId, id);
      if (!found) throw articleNotFound();
      const before = found.article;
      assertCanEditSection(actor, { departmentId: found.departmentId }, departmentIds);
      if (patch.sectionId !== undefined && patch.sectionId !== before.sectionId) {
        await writableSection(tx, actor, patch.sectionId, departmentIds);
      }
      const { columns, linkedIds } = articleContent(before.kind, {
        title: patch.title ?? before.title,
        body: patch.body ?? before.body,
        shortBody: patch.shortBody === undefined ? before.shortBody : patch.shortBody,
        scriptStage: patch.scriptStage === undefined ? before.scriptStage : patch.scriptStage,
        tags: patch.tags ?? before.tags,
        visibility: patch.visibility ?? before.visibility,
      });
      const after = await repo.updateArticle(
        tx,
        actor.agencyId,
        id,
        {
          ...columns,
          ...(patch.sectionId === undefined ? {} : { sectionId: patch.sectionId }),
          ...(patch.active === undefined ? {} : { active: patch.active }),
        },
        actor.userId,
        patch.note?.trim() || null,
      );
      if (!after) throw articleNotFound();
      await keepLinks(tx, actor, id, linkedIds);
      await audit.record(tx, actor, 'kb_article', id, { before: auditView(before), after: auditView(after) });
      return detail(tx, actor, id, departmentIds);
    });
  }

  return {
    detail: (actor: Actor, id: string) => detail(db, actor, id),

    async list(
      actor: Actor,
      filter: articlesRepo.ArticleFilter,
      sort: articlesRepo.ArticleSort,
      page: { page: number; pageSize: number },
    ) {
      const { rows, total } = await articlesRepo.listArticles(db, actor.agencyId, filter, sort, {
        limit: page.pageSize,
        offset: (page.page - 1) * page.pageSize,
      });
      return {
        items: rows.map(toArticleSummary),
        total,
        page: page.page,
        pages: Math.max(1, Math.ceil(total / page.pageSize)),
      };
    },

    async create(actor: Actor, input: ArticleInput) {
      const departmentIds = await users.departmentIdsOf(actor.agencyId, actor.userId);
      return db.transaction(async (tx) => {
        await writableSection(tx, actor, input.sectionId, departmentIds);
        const { columns, linkedIds } = articleContent(input.kind, input);
        const [row] = await repo.insertArticles(
          tx,
          [{ ...columns, agencyId: actor.agencyId, sectionId: input.sectionId, kind: input.kind }],
          actor.userId,
          input.note?.trim() || null,
        );
        if (!row) throw new Error('article insert returned nothing');
        await keepLinks(tx, actor, row.id, linkedIds);
        await audit.record(tx, actor, 'kb_article', row.id, { after: auditView(row) });
        return detail(tx, actor, row.id, departmentIds);
      });
    },

    update: (actor: Actor, id: string, patch: ArticlePatch) => save(actor, id, patch),

    /** Archived articles leave the lists and the pickers but keep their versions and links. */
    setArchived: (actor: Actor, id: string, archived: boolean) =>
      save(actor, id, {
        active: !archived,
        note: archived ? 'Перенесена в архив' : 'Возвращена из архива',
      }),

    /** For the version service: the same checks and version writing as an ordinary save. */
    save,
  };
}

export type KbArticleService = ReturnType<typeof createKbArticleService>;
