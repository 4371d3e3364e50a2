import { readFileSync } from 'node:fs';
import { addDays } from 'date-fns';
import {
  DEFAULT_REVIEW_INTERVAL_DAYS,
  KB_KINDS,
  type KbKind,
  type KbVisibility,
  PUBLISHABLE_KINDS,
  SCRIPT_STAGES,
  type ScriptStage,
} from '../../../common/kb.js';
import type { Db, Executor } from '../../db/client.js';
import { localDate } from '../../lib/calendar.js';
import type { AgencyService } from '../agencies/service.js';
import * as repo from './repo.js';
import { escapeHtml, plainText, sanitizeBody } from './sanitize.js';
import * as starterRepo from './starter.repo.js';
import { type AgencyFacts, contactsHtml, scheduleHtml } from './starter-bodies.js';

export interface StarterSection {
  key: string;
  title: string;
  description: string;
  /** Departments of the preset agencies that keep such a section; the first the agency has wins. */
  owners: string[];
  source: string;
}

export interface StarterArticle {
  key: string;
  /** Preset agency slugs, or "*"; an entry naming the agency replaces the "*" one of the same key. */
  agencies: string[];
  section: string;
  kind: KbKind;
  scriptStage?: ScriptStage;
  visibility: KbVisibility;
  title: string;
  /** Built from the agency's own data, followed by `body` when both are given. */
  build?: 'contacts' | 'schedule';
  body?: string;
  /** The seed point the content comes from. */
  source: string;
}

export interface StarterPresets {
  sections: StarterSection[];
  articles: StarterArticle[];
}

function checkArticle(article: StarterArticle, sectionKeys: Set<string>): string | null {
  if (!article.key || !article.title || !article.source) return 'key, title and source are required';
  if (!sectionKeys.has(article.section)) return `unknown section ${article.section}`;
  if (!KB_KINDS.includes(article.kind)) return `unknown kind ${article.kind}`;
  if (article.scriptStage && !SCRIPT_STAGES.includes(article.scriptStage)) return 'unknown scriptStage';
  if (article.visibility === 'public' && !PUBLISHABLE_KINDS.includes(article.kind)) {
    return `a ${article.kind} article cannot be public`;
  }
  if (!article.body && !article.build) return 'body or build is required';
  if (article.body && sanitizeBody(article.body) !== article.body) return 'body is not sanitised HTML';
  return null;
}

/** presets/kb/starter.json, checked whole at start so a bad edit fails loudly, not on one agency. */
export function readStarterPresets(file: string): StarterPresets {
  const presets = JSON.parse(readFileSync(file, 'utf8')) as StarterPresets;
  const sectionKeys = new Set(presets.sections.map((s) => s.key));
  const seen = new Set<string>();
  for (const article of presets.articles) {
    const problem = checkArticle(article, sectionKeys);
    if (problem) throw new Error(`presets/kb/starter.json ${article.key}: ${problem}`);
    for (const agency of article.agencies) {
      if (seen.has(`${agency}/${article.key}`)) {
        throw new Error(`presets/kb/starter.json: ${article.key} twice for ${agency}`);
      }
      seen.add(`${agency}/${article.key}`);
    }
  }
  return presets;
}

/** The articles an agency gets: its own entry of each key, else the one for every agency. */
export function articlesFor(presets: StarterPresets, slug: string): StarterArticle[] {
  const own = new Set(presets.articles.filter((a) => a.agencies.includes(slug)).map((a) => a.key));
  return presets.articles.filter(
    (a) => a.agencies.includes(slug) || (a.agencies.includes('*') && !own.has(a.key)),
  );
}

/** The article as stored: built parts from the agency's data, sanitised, with its search text. */
export function buildArticle(article: StarterArticle, agency: AgencyFacts) {
  let visibility = article.visibility;
  let built = '';
  if (article.build === 'contacts') {
    const contacts = contactsHtml(agency);
    built = contacts.html;
    // An empty list tells staff what to fill in; that is not for the portal.
    if (!contacts.hasContacts) visibility = 'internal';
  } else if (article.build === 'schedule') {
    built = scheduleHtml(agency);
  }
  const body = sanitizeBody(built + (article.body ?? '').replaceAll('{agency}', escapeHtml(agency.name)));
  return { title: article.title, body, visibility, searchText: plainText(body) };
}

interface LoadContext {
  tx: Executor;
  agencyId: string;
  departments: { id: string; name: string }[];
  reviewDueOn: string;
  loaded: Map<string, string | null>;
  made: { key: string; itemId: string }[];
}

/**
 * The section for a starter article: the one made for its key before, or a new one. A section
 * loaded before and since deleted by staff is not made again — its articles are then left out.
 */
async function sectionFor(ctx: LoadContext, section: StarterSection, position: number) {
  if (ctx.loaded.has(section.key)) {
    const id = ctx.loaded.get(section.key);
    return id && (await starterRepo.sectionExists(ctx.tx, ctx.agencyId, id)) ? id : null;
  }
  const owner = section.owners.map((name) => ctx.departments.find((d) => d.name === name)).find(Boolean);
  const id = await starterRepo.sectionByTitle(ctx.tx, {
    agencyId: ctx.agencyId,
    title: section.title,
    description: section.description,
    departmentId: owner?.id ?? null,
    reviewDueOn: ctx.reviewDueOn,
    position,
    starter: true,
  });
  ctx.loaded.set(section.key, id);
  ctx.made.push({ key: section.key, itemId: id });
  return id;
}

/**
 * Gives each preset agency the starter knowledge base (issue 6 p. 8), once per item key: what
 * staff rewrote, archived or deleted is never brought back, and items added to the presets later
 * still reach agencies that have a knowledge base already (the answer templates, for one).
 */
export async function loadStarterKb(
  db: Db,
  agencies: AgencyService,
  presets: StarterPresets,
  slugs: string[],
  now = new Date(),
): Promise<void> {
  for (const slug of slugs) {
    const agency = await agencies.findBySlug(slug);
    if (!agency) continue;
    const facts = await agencies.portal(slug);
    await db.transaction(async (tx) => {
      const loaded = await starterRepo.loadedItems(tx, agency.id);
      const pending = articlesFor(presets, slug).filter((a) => !loaded.has(a.key));
      if (pending.length === 0) return;
      const ctx: LoadContext = {
        tx,
        agencyId: agency.id,
        departments: facts.departments,
        reviewDueOn: localDate(addDays(now, DEFAULT_REVIEW_INTERVAL_DAYS), agency.timezone),
        loaded,
        made: [],
      };
      for (const article of pending) {
        const index = presets.sections.findIndex((s) => s.key === article.section);
        const section = presets.sections[index];
        const sectionId = section ? await sectionFor(ctx, section, (index + 1) * 10) : null;
        if (!sectionId) continue;
        const [row] = await repo.insertArticles(tx, [
          {
            agencyId: agency.id,
            sectionId,
            kind: article.kind,
            scriptStage: article.scriptStage ?? null,
            starter: true,
            ...buildArticle(article, facts),
          },
        ]);
        if (row) ctx.made.push({ key: article.key, itemId: row.id });
      }
      await starterRepo.recordLoaded(tx, agency.id, ctx.made);
    });
  }
}
