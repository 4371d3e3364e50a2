import { addDays, subDays } from 'date-fns';
import { DEFAULT_REVIEW_INTERVAL_DAYS, type ProposalStatus } from '../../../common/kb.js';
import type { Db, Executor } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { localDate } from '../../lib/calendar.js';
import { Conflict, NotFound } from '../../lib/errors.js';
import type { AgencyService } from '../agencies/service.js';
import type { AuditService } from '../audit/service.js';
import type { UserService } from '../auth/users.service.js';
import { assertCanEditSection } from './permissions.js';
import {
  clusterQuestions,
  proposalTitle,
  type QuestionCluster,
  type QuestionText,
} from './proposals.cluster.js';
import * as proposalsRepo from './proposals.repo.js';
import * as repo from './repo.js';
import { escapeHtml } from './sanitize.js';

/** Seed 003 p. 41 asks for questions that arrive often; a quarter is what the review cycle spans. */
export const LOOKBACK_DAYS = 90;
export const DEFAULT_MIN_CLUSTER = 5;
/** Proposals sharing this part of their terms are one question found twice. */
const SAME_QUESTION = 0.5;

/** Where the questions come from: written requests and consult-line calls. */
export type QuestionSource = (agencyId: string, since: Date) => Promise<QuestionText[]>;

const proposalNotFound = () => new NotFound('kb_proposal_not_found', 'Предложение не найдено');
const alreadyDecided = () => new Conflict('kb_proposal_decided', 'Предложение уже рассмотрено');

function overlap(a: string[], b: string[]): number {
  const left = new Set(a);
  const shared = b.filter((term) => left.has(term)).length;
  return shared / (left.size + b.length - shared);
}

/** An existing FAQ or template answers the cluster when it has two thirds of its words (two at least). */
const wordsNeeded = (cluster: QuestionCluster) =>
  Math.min(cluster.words.length, Math.max(2, Math.ceil((cluster.words.length * 2) / 3)));

export function toProposal(row: proposalsRepo.ProposalRow, departmentName: string | null) {
  return {
    id: row.id,
    title: row.title,
    terms: row.terms,
    sampleText: row.sampleText,
    requestIds: row.requestIds,
    callIds: row.callIds,
    size: row.size,
    status: row.status,
    departmentId: row.departmentId,
    departmentName,
    articleId: row.articleId,
    createdAt: row.createdAt.toISOString(),
    decidedAt: row.decidedAt?.toISOString() ?? null,
  };
}

export function createKbProposals(deps: {
  db: Db;
  audit: AuditService;
  agencies: AgencyService;
  users: UserService;
  sources: QuestionSource[];
  minClusterSize?: number;
}) {
  const { db, audit, agencies, users, sources } = deps;
  const minSize = deps.minClusterSize ?? DEFAULT_MIN_CLUSTER;

  async function requireOpen(agencyId: string, id: string) {
    const row = await proposalsRepo.findProposal(db, agencyId, id);
    if (!row) throw proposalNotFound();
    if (row.status !== 'open') throw alreadyDecided();
    return row;
  }

  /** A section for the department's FAQ, should it have none yet; looked up outside the transaction. */
  async function newFaqSection(agencyId: string, departmentId: string | null) {
    const agency = await agencies.byId(agencyId);
    const department = departmentId
      ? (await agencies.portal(agency.slug)).departments.find((d) => d.id === departmentId)
      : undefined;
    return {
      agencyId,
      departmentId,
      title: department ? `Вопросы и ответы: ${department.name}` : 'Вопросы и ответы',
      reviewDueOn: localDate(addDays(new Date(), DEFAULT_REVIEW_INTERVAL_DAYS), agency.timezone),
    };
  }

  /** The section the draft goes to: the department's FAQ section, made when it has none yet. */
  async function targetSection(tx: Executor, fallback: Awaited<ReturnType<typeof newFaqSection>>) {
    const found = await proposalsRepo.faqSectionOf(tx, fallback.agencyId, fallback.departmentId);
    return found ?? (await proposalsRepo.insertSection(tx, fallback)).id;
  }

  async function assertDecides(actor: Actor, departmentId: string | null) {
    const mine = await users.departmentIdsOf(actor.agencyId, actor.userId);
    assertCanEditSection(actor, { departmentId }, mine);
  }

  return {
    /** One agency's run: new clusters become proposals, open ones are brought up to date. */
    async run(agencyId: string, now = new Date()) {
      const since = subDays(now, LOOKBACK_DAYS);
      const questions = (await Promise.all(sources.map((source) => source(agencyId, since)))).flat();
      const sourceOf = new Map(questions.map((question) => [question.id, question.source]));
      const idsFrom = (cluster: QuestionCluster, source: QuestionText['source']) =>
        cluster.ids.filter((id) => sourceOf.get(id) === source);
      const existing = await proposalsRepo.listProposalTerms(db, agencyId);
      let proposed = 0;
      for (const cluster of clusterQuestions(questions, minSize)) {
        if (await proposalsRepo.isAnswered(db, agencyId, cluster.words, wordsNeeded(cluster))) continue;
        const values = {
          departmentId: cluster.departmentId,
          sampleText: cluster.sample.slice(0, 1000),
          requestIds: idsFrom(cluster, 'request'),
          callIds: idsFrom(cluster, 'call'),
          size: cluster.ids.length,
        };
        const same = existing.find((p) => overlap(p.terms, cluster.terms) >= SAME_QUESTION);
        if (same) {
          // Refreshes an open one only: a decided question stays decided.
          await proposalsRepo.refreshProposal(db, agencyId, same.id, values);
          continue;
        }
        const newId = await proposalsRepo.insertProposal(db, {
          ...values,
          agencyId,
          fingerprint: cluster.terms.join(' '),
          title: proposalTitle(cluster),
          terms: cluster.terms,
        });
        if (!newId) continue;
        existing.push({ id: newId, terms: cluster.terms, status: 'open' });
        proposed += 1;
      }
      return { questions: questions.length, proposed };
    },

    async runAll(now = new Date()) {
      let proposed = 0;
      for (const agencyId of await agencies.allAgencyIds())
        proposed += (await this.run(agencyId, now)).proposed;
      return { proposed };
    },

    async list(actor: Actor, status?: ProposalStatus) {
      const rows = await proposalsRepo.listProposals(db, actor.agencyId, status);
      return rows.map((row) => toProposal(row.proposal, row.departmentName));
    },

    /** A draft FAQ entry, inactive until its owners write the answer, in the department's section. */
    async accept(actor: Actor, id: string) {
      const before = await requireOpen(actor.agencyId, id);
      await assertDecides(actor, before.departmentId);
      const fallback = await newFaqSection(actor.agencyId, before.departmentId);
      return db.transaction(async (tx) => {
        const sectionId = await targetSection(tx, fallback);
        const [article] = await repo.insertArticles(
          tx,
          [
            {
              agencyId: actor.agencyId,
              sectionId,
              kind: 'faq',
              title: before.title,
              body: `<p>Частый вопрос: ${before.size} похожих обращений за ${LOOKBACK_DAYS} дней, слова: ${escapeHtml(before.terms.join(', '))}. Впишите ответ и откройте статью.</p>`,
              searchText: before.title,
              active: false,
            },
          ],
          actor.userId,
        );
        if (!article) throw new Error('article insert returned nothing');
        // Decided by someone else meanwhile: the transaction undoes the draft.
        const after = await proposalsRepo.decideProposal(tx, actor.agencyId, id, {
          status: 'accepted',
          decidedBy: actor.userId,
          articleId: article.id,
        });
        if (!after) throw alreadyDecided();
        await audit.record(tx, actor, 'kb_article', article.id, {
          after: { title: article.title, kind: 'faq' },
        });
        await audit.record(tx, actor, 'kb_proposal', id, {
          before: toProposal(before, null),
          after: toProposal(after, null),
        });
        return toProposal(after, null);
      });
    },

    async dismiss(actor: Actor, id: string) {
      const before = await requireOpen(actor.agencyId, id);
      await assertDecides(actor, before.departmentId);
      return db.transaction(async (tx) => {
        const after = await proposalsRepo.decideProposal(tx, actor.agencyId, id, {
          status: 'dismissed',
          decidedBy: actor.userId,
        });
        if (!after) throw alreadyDecided();
        await audit.record(tx, actor, 'kb_proposal', id, {
          before: toProposal(before, null),
          after: toProposal(after, null),
        });
        return toProposal(after, null);
      });
    },
  };
}

export type KbProposals = ReturnType<typeof createKbProposals>;
