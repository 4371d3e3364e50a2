import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { MailingTracking } from '../../../common/mailings.js';
import type { Db, Executor } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import type { AuditService } from '../audit/service.js';
import { mailingCampaigns, mailingRecipients, mailingSettings } from './schema.js';

const OFF: MailingTracking = { trackOpens: false, trackClicks: false };
const HREF = /(<a\b[^>]*?\bhref=")([^"]*)(")/gi;
const MAC_BYTES = 16;

export async function trackingOf(db: Executor, agencyId: string): Promise<MailingTracking> {
  const [row] = await db.select().from(mailingSettings).where(eq(mailingSettings.agencyId, agencyId));
  return row ? { trackOpens: row.trackOpens, trackClicks: row.trackClicks } : OFF;
}

/** The links of a campaign body in order, as a browser reads them (sanitize-html escapes `&`). */
const linksOf = (html: string) =>
  [...html.matchAll(HREF)].map((match) => (match[2] as string).replaceAll('&amp;', '&'));

const isWebLink = (url: string) => /^https?:\/\//i.test(url);

/**
 * Open and click tracking (issue 9 p. 6), only for agencies that opted in. The pixel and each
 * link name the recipient row and carry an HMAC of it, so they cannot be guessed or pointed at
 * another row; a click redirects only to the link at that position in the campaign's own body,
 * never to an address given in the request, so there is no open redirect.
 */
export function createMailingTracking(deps: {
  db: Db;
  audit: AuditService;
  secretsKey: Buffer;
  publicUrl: string;
}) {
  const { db, audit } = deps;
  const key = Buffer.from(
    hkdfSync('sha256', deps.secretsKey, Buffer.alloc(0), 'otklik mailings tracking', 32),
  );
  const mac = (payload: string) =>
    createHmac('sha256', key).update(payload).digest().subarray(0, MAC_BYTES).toString('base64url');
  const base = `${deps.publicUrl}/api/public/mailings`;

  const openToken = (recipientId: number) => `${recipientId}.${mac(`open:${recipientId}`)}`;
  const clickToken = (recipientId: number, index: number) =>
    `${recipientId}.${index}.${mac(`click:${recipientId}:${index}`)}`;

  function verify(payload: string, given: string) {
    const expected = Buffer.from(mac(payload));
    const actual = Buffer.from(given);
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  }

  /** Row id and link position a token names, or null for anything not made by us. */
  function readToken(token: string, kind: 'open' | 'click') {
    const parts = token.split('.');
    const id = Number(parts[0]);
    if (!Number.isSafeInteger(id) || id <= 0) return null;
    if (kind === 'open') {
      return parts.length === 2 && verify(`open:${id}`, parts[1] as string) ? { id, index: 0 } : null;
    }
    const index = Number(parts[1]);
    if (parts.length !== 3 || !Number.isSafeInteger(index) || index < 0) return null;
    return verify(`click:${id}:${index}`, parts[2] as string) ? { id, index } : null;
  }

  /** The campaign body as one recipient gets it: web links through our redirect, a pixel at the end. */
  function instrument(html: string, recipientId: number, tracking: MailingTracking) {
    let body = html;
    if (tracking.trackClicks) {
      let index = 0;
      body = body.replace(HREF, (whole, open: string, href: string, close: string) => {
        const position = index++;
        return isWebLink(href.replaceAll('&amp;', '&'))
          ? `${open}${base}/c/${clickToken(recipientId, position)}${close}`
          : whole;
      });
    }
    if (tracking.trackOpens)
      body += `<img src="${base}/o/${openToken(recipientId)}" width="1" height="1" alt="" style="display:block;border:0">`;
    return body;
  }

  /**
   * First open of a tracked e-mail; nothing is stored once the agency turned tracking off.
   * False for a token we did not make.
   */
  async function opened(token: string) {
    const named = readToken(token, 'open');
    if (!named) return false;
    await db.execute(sql`
      update mailing_recipients r set opened_at = now()
      from mailing_settings m
      where r.id = ${named.id} and r.opened_at is null
        and m.agency_id = r.agency_id and m.track_opens`);
    return true;
  }

  /** Where a tracked link leads: the campaign's own link at that position, or null. */
  async function clicked(token: string): Promise<string | null> {
    const named = readToken(token, 'click');
    if (!named) return null;
    const [row] = await db
      .select({ html: mailingCampaigns.html, agencyId: mailingRecipients.agencyId })
      .from(mailingRecipients)
      .innerJoin(mailingCampaigns, eq(mailingCampaigns.id, mailingRecipients.campaignId))
      .where(eq(mailingRecipients.id, named.id));
    const target = row ? linksOf(row.html)[named.index] : undefined;
    if (!row || !target || !isWebLink(target)) return null;
    if ((await trackingOf(db, row.agencyId)).trackClicks) {
      await db
        .update(mailingRecipients)
        .set({ clickedAt: new Date() })
        .where(and(eq(mailingRecipients.id, named.id), isNull(mailingRecipients.clickedAt)));
    }
    return target;
  }

  async function save(actor: Actor, value: MailingTracking): Promise<MailingTracking> {
    return db.transaction(async (tx) => {
      const before = await trackingOf(tx, actor.agencyId);
      await tx
        .insert(mailingSettings)
        .values({ agencyId: actor.agencyId, ...value })
        .onConflictDoUpdate({ target: mailingSettings.agencyId, set: { ...value, updatedAt: new Date() } });
      await audit.record(tx, actor, 'mailing_settings', actor.agencyId, { before, after: value });
      return value;
    });
  }

  return {
    get: (actor: Actor) => trackingOf(db, actor.agencyId),
    save,
    instrument,
    opened,
    clicked,
  };
}

export type MailingTrackingService = ReturnType<typeof createMailingTracking>;
