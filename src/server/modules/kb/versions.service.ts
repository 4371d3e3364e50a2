import { type Change, diffWords } from 'diff';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { NotFound } from '../../lib/errors.js';
import { bodyWords } from './article-content.js';
import * as articlesRepo from './articles.repo.js';
import { articleNotFound, type KbArticleService } from './articles.service.js';

export type DiffPart = { kind: 'same' | 'added' | 'removed'; text: string };

// Word boundaries by the Unicode rules: the package's own tokenizer splits Cyrillic into letters.
const words = new Intl.Segmenter('ru', { granularity: 'word' });

const toParts = (changes: Change[]): DiffPart[] =>
  changes.map((change) => ({
    kind: change.added ? 'added' : change.removed ? 'removed' : 'same',
    text: change.value,
  }));

const textDiff = (before: string, after: string) =>
  toParts(diffWords(before, after, { intlSegmenter: words }));

const changed = <T>(before: T, after: T) => (before === after ? null : { from: before, to: after });

function toVersion(row: articlesRepo.VersionRow, names: Map<string, string>) {
  return {
    version: row.version,
    authorId: row.authorId,
    authorName: row.authorId ? (names.get(row.authorId) ?? '') : null,
    createdAt: row.createdAt.toISOString(),
    note: row.note,
  };
}

/** The history of an article (issue 6 p. 3): who saved what and when, what changed, going back. */
export function createKbVersionService(deps: { db: Db; articles: KbArticleService }) {
  const { db, articles } = deps;

  async function version(actor: Actor, articleId: string, number: number) {
    const row = await articlesRepo.findVersion(db, actor.agencyId, articleId, number);
    if (!row) throw new NotFound('kb_version_not_found', `Версии ${number} у этой статьи нет`);
    return row;
  }

  async function requireArticle(actor: Actor, articleId: string) {
    if (!(await articlesRepo.findArticle(db, actor.agencyId, articleId))) throw articleNotFound();
  }

  return {
    async list(actor: Actor, articleId: string) {
      await requireArticle(actor, articleId);
      const rows = await articlesRepo.listVersions(db, actor.agencyId, articleId);
      const names = await articlesRepo.namesOf(
        db,
        rows.map((row) => row.authorId),
      );
      return rows.map((row) => toVersion(row, names));
    },

    async get(actor: Actor, articleId: string, number: number) {
      const row = await version(actor, articleId, number);
      const names = await articlesRepo.namesOf(db, [row.authorId]);
      return {
        ...toVersion(row, names),
        kind: row.kind,
        sectionId: row.sectionId,
        title: row.title,
        body: row.body,
        shortBody: row.shortBody,
        scriptStage: row.scriptStage,
        tags: row.tags,
        visibility: row.visibility,
        active: row.active,
      };
    },

    /** Word diff of the texts (HTML compared as its words) and what changed in the settings. */
    async diff(actor: Actor, articleId: string, from: number, to: number) {
      const [a, b] = [await version(actor, articleId, from), await version(actor, articleId, to)];
      return {
        from,
        to,
        title: textDiff(a.title, b.title),
        body: textDiff(bodyWords(a.kind, a.body), bodyWords(b.kind, b.body)),
        shortBody:
          a.shortBody === null && b.shortBody === null
            ? null
            : textDiff(a.shortBody ?? '', b.shortBody ?? ''),
        tags: {
          added: b.tags.filter((tag) => !a.tags.includes(tag)),
          removed: a.tags.filter((tag) => !b.tags.includes(tag)),
        },
        visibility: changed(a.visibility, b.visibility),
        scriptStage: changed(a.scriptStage, b.scriptStage),
        sectionId: changed(a.sectionId, b.sectionId),
        active: changed(a.active, b.active),
      };
    },

    /**
     * Saves version N's text again as a new version; the article stays in its current section
     * and archive state, which are where it lives now rather than what it says.
     */
    async restore(actor: Actor, articleId: string, number: number) {
      const row = await version(actor, articleId, number);
      return articles.save(actor, articleId, {
        title: row.title,
        body: row.body,
        shortBody: row.shortBody,
        scriptStage: row.scriptStage,
        tags: row.tags,
        visibility: row.visibility,
        note: `Восстановлена версия ${number}`,
      });
    },
  };
}

export type KbVersionService = ReturnType<typeof createKbVersionService>;
