import type { KbKind, KbUseContext } from '../../../common/kb.js';
import type { Db, Executor } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { Invalid, NotFound } from '../../lib/errors.js';
import type { TaxonomyService } from '../classification/service.js';
import type { RequestService } from '../requests/service.js';
import * as repo from './search.repo.js';
import { fleetingVowelVariants, informativeWords, splitHighlights, widenTsquery } from './search.text.js';
import { createVocabularyCache, type Vocabulary } from './search.vocabulary.js';

/** Fewer full-text matches than this and misspelt words are corrected (typo tolerance). */
export const FEW_MATCHES = 5;
export const SUGGESTION_COUNT = 5;
// A word of three letters has too few trigrams to tell a typo from another word.
const MIN_CORRECTED_LENGTH = 4;
const CORRECTIONS_PER_WORD = 2;
const VOCABULARY_TTL_MS = 5 * 60_000;
/** The same person, article and subject within this many minutes is one use. */
export const USE_DEDUP_MINUTES = 10;

export const USAGE_PERIODS = { week: 7, month: 30, quarter: 91, year: 365 } as const;
export type UsagePeriod = keyof typeof USAGE_PERIODS;

const SUGGESTED_FOR_REQUEST: readonly KbKind[] = [
  'template',
  'faq',
  'legal_acts',
  'solved_example',
  'services',
  'reception',
  'contacts',
  'job_descriptions',
];
const REQUEST_FIRST: readonly KbKind[] = ['template', 'faq'];
// On the consult line the operator reads out answers and scripts, not letters.
const CALL_FIRST: readonly KbKind[] = ['faq', 'call_script'];

export interface SearchQuery extends repo.ArticleFilter {
  q: string;
  page: number;
  limit: number;
}

type Row = Awaited<ReturnType<typeof repo.findMatches>>[number];

function toItem({ headline, updatedAt, ...row }: Row) {
  return { ...row, ...splitHighlights(headline), updatedAt: updatedAt.toISOString() };
}

// Postgres refuses NUL in text: said in Russian here rather than as a 500 from the driver.
function assertSearchable(field: string, text: string) {
  if (text.includes('\u0000') || !text.isWellFormed()) {
    throw new Invalid(field, 'Текст содержит недопустимые символы', 'malformed_text');
  }
}

/**
 * A lexeme's other forms: its fleeting-vowel counterpart, and when neither is a word of the
 * knowledge base, the nearest words that are (a misspelling), with their counterparts.
 */
function withCorrections(vocabulary: Vocabulary, lexeme: string): string[] {
  const variants = fleetingVowelVariants(lexeme);
  const known = [lexeme, ...variants].some((form) => vocabulary.has(form));
  if (known || lexeme.length < MIN_CORRECTED_LENGTH) return variants;
  const nearest = vocabulary.closest(lexeme, CORRECTIONS_PER_WORD);
  return [...variants, ...nearest.flatMap((word) => [word, ...fleetingVowelVariants(word)])];
}

export function createKbSearchService(deps: { db: Db; requests: RequestService; taxonomy: TaxonomyService }) {
  const { db, requests, taxonomy } = deps;
  const vocabularyOf = createVocabularyCache((agencyId) => repo.vocabulary(db, agencyId), VOCABULARY_TTL_MS);

  async function suggest(agencyId: string, text: string, kinds: readonly KbKind[], first: readonly KbKind[]) {
    const words = informativeWords(text);
    if (words.length === 0) return [];
    const parsed = await repo.parsed(db, repo.anyOf(words));
    const match = { tsquery: repo.tsquery(widenTsquery(parsed, fleetingVowelVariants)) };
    const rows = await repo.findMatches(db, agencyId, { kinds }, match, {
      limit: SUGGESTION_COUNT,
      offset: 0,
      first: repo.kindsFirst(first),
    });
    return rows.map(toItem);
  }

  /**
   * Records one use of an article by the actor; false when it was a repeat within the dedup
   * window. Pass the caller's transaction to count a use together with what caused it (a
   * template rendered into an answer).
   */
  async function recordUse(
    executor: Executor,
    actor: Pick<Actor, 'agencyId' | 'userId'>,
    articleId: string,
    context: KbUseContext,
    subjectId: string | null = null,
  ) {
    return executor.transaction(async (tx) => {
      if (!(await repo.findArticle(tx, actor.agencyId, articleId))) {
        throw new NotFound('kb_article_not_found', 'Статья базы знаний не найдена');
      }
      const use = { agencyId: actor.agencyId, articleId, userId: actor.userId, context, subjectId };
      return repo.insertUseOnce(tx, use, USE_DEDUP_MINUTES);
    });
  }

  return {
    recordUse,

    /**
     * Russian full text (stems, title above body). When it finds little, misspelt words are
     * corrected towards the nearest words of the agency's articles and what that finds follows.
     */
    async search(actor: Actor, query: SearchQuery) {
      assertSearchable('query.q', query.q);
      const filter = { kinds: query.kinds, sectionId: query.sectionId, departmentId: query.departmentId };
      const typed = await repo.parsed(db, repo.websearch(query.q));
      const exact = { tsquery: repo.tsquery(widenTsquery(typed, fleetingVowelVariants)) };
      let match: repo.Match = exact;
      let total = await repo.countMatches(db, actor.agencyId, filter, exact);
      if (total < FEW_MATCHES) {
        const vocabulary = await vocabularyOf(actor.agencyId);
        const corrected = widenTsquery(typed, (lexeme) => withCorrections(vocabulary, lexeme));
        if (corrected !== widenTsquery(typed, fleetingVowelVariants)) {
          match = { tsquery: repo.tsquery(corrected), exact: exact.tsquery };
          total = await repo.countMatches(db, actor.agencyId, filter, match);
        }
      }
      const page = { limit: query.limit, offset: (query.page - 1) * query.limit };
      const rows = await repo.findMatches(db, actor.agencyId, filter, match, page);
      return {
        total,
        page: query.page,
        pages: Math.max(1, Math.ceil(total / query.limit)),
        items: rows.map(toItem),
      };
    },

    /** Articles for the request being answered: its text and topic, templates and FAQ first. */
    async forRequest(actor: Actor, requestId: string) {
      // Through the request service: another agency's request is «not found», as everywhere.
      const request = await requests.detail(actor, requestId);
      const topic = request.topicId
        ? (await taxonomy.list(actor.agencyId)).find((t) => t.id === request.topicId)
        : undefined;
      // The topic's name counts as said twice: it is what the request is about by an operator's word.
      const about = topic ? `${topic.name} ${topic.name}` : '';
      return suggest(actor.agencyId, `${about} ${request.text}`, SUGGESTED_FOR_REQUEST, REQUEST_FIRST);
    },

    /** Articles for free text (the call being taken), call scripts included. */
    async forText(actor: Actor, text: string, kinds?: readonly KbKind[]) {
      assertSearchable('body.text', text);
      return suggest(actor.agencyId, text, kinds ?? [], CALL_FIRST);
    },

    async use(actor: Actor, articleId: string, context: KbUseContext, subjectId: string | null) {
      const counted = await recordUse(db, actor, articleId, context, subjectId);
      return { counted, usageCount: await repo.countUses(db, actor.agencyId, articleId) };
    },

    async topUsed(actor: Actor, period: UsagePeriod) {
      const since = new Date(Date.now() - USAGE_PERIODS[period] * 86_400_000);
      return repo.topUsed(db, actor.agencyId, since, 20);
    },
  };
}

export type KbSearchService = ReturnType<typeof createKbSearchService>;
