import type { Db } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { Invalid } from '../../lib/errors.js';
import type { AgencyService } from '../agencies/service.js';
import type { TouchpointService } from '../agencies/touchpoints.service.js';
import type { AuditService } from '../audit/service.js';
import * as repo from './social.repo.js';

/**
 * The invitation to an individual channel (seed 000 p. 3.1, seed 001 p. 6.2.3): when a short
 * answer in the thread is not enough, the person is asked to write through the portal form or
 * to the agency's e-mail. Placeholders: {{клиент}}, {{ссылка}} (the portal form), {{почта}}.
 */
export const DEFAULT_INVITE_TEXT =
  'Здравствуйте, {{клиент}}! Чтобы подробно разобраться в вашем вопросе, напишите нам, пожалуйста, через форму обращения: {{ссылка}} или на почту {{почта}}. Ответим в установленный срок 🙂';

// The same invitation for an agency that lists no public e-mail.
const DEFAULT_WITHOUT_EMAIL =
  'Здравствуйте, {{клиент}}! Чтобы подробно разобраться в вашем вопросе, напишите нам, пожалуйста, через форму обращения: {{ссылка}}. Ответим в установленный срок 🙂';

export function renderInvite(
  custom: string | null,
  facts: { client: string; link: string; email: string | null },
): string {
  const text = custom ?? (facts.email ? DEFAULT_INVITE_TEXT : DEFAULT_WITHOUT_EMAIL);
  if (!facts.email && /\{\{\s*почта\s*\}\}/i.test(text)) {
    throw new Invalid(
      'settings.inviteText',
      'В приглашении есть {{почта}}, но у ведомства нет публичного адреса электронной почты в точках взаимодействия',
    );
  }
  return text
    .replace(/\{\{\s*клиент\s*\}\}/gi, facts.client)
    .replace(/\{\{\s*ссылка\s*\}\}/gi, facts.link)
    .replace(/\{\{\s*почта\s*\}\}/gi, facts.email ?? '');
}

/** The agency's invitation text: kept per agency, filled in with the portal form and e-mail. */
export function createInvitations(deps: {
  db: Db;
  audit: AuditService;
  agencies: AgencyService;
  touchpoints: TouchpointService;
  publicUrl: string;
}) {
  const { db, audit } = deps;

  /** The invitation (or `custom`, being saved) for the author: the form link, the e-mail. */
  async function textFor(actor: Actor, authorName: string, custom?: string | null) {
    const [agency, saved, touchpoints] = await Promise.all([
      deps.agencies.byId(actor.agencyId),
      custom === undefined ? repo.findSettings(db, actor.agencyId) : null,
      deps.touchpoints.list(actor),
    ]);
    const email = touchpoints.find((t) => t.kind === 'email' && t.isPublic)?.value ?? null;
    return renderInvite(custom === undefined ? (saved?.inviteText ?? null) : custom, {
      client: authorName,
      link: `${deps.publicUrl}/${agency.slug}/`,
      email,
    });
  }

  /** The invitation as saved, and how it reads now (or why it cannot be sent). */
  async function settings(actor: Actor) {
    const row = await repo.findSettings(db, actor.agencyId);
    try {
      return { inviteText: row?.inviteText ?? null, preview: await textFor(actor, 'Иван'), problem: null };
    } catch (error) {
      if (!(error instanceof Invalid)) throw error;
      return { inviteText: row?.inviteText ?? null, preview: null, problem: error.message };
    }
  }

  return {
    textFor,
    settings,

    /** `null` brings back the default invitation; a text that cannot be filled in is refused. */
    async save(actor: Actor, text: string | null) {
      const before = await repo.findSettings(db, actor.agencyId);
      try {
        await textFor(actor, 'Иван', text);
      } catch (error) {
        if (error instanceof Invalid) throw new Invalid('body.inviteText', error.message);
        throw error;
      }
      await db.transaction(async (tx) => {
        await repo.saveSettings(tx, actor.agencyId, text);
        await audit.record(tx, actor, 'social_settings', actor.agencyId, {
          before: { inviteText: before?.inviteText ?? null },
          after: { inviteText: text },
        });
      });
      return settings(actor);
    },
  };
}
