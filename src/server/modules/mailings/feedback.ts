import { and, eq, isNull } from 'drizzle-orm';
import type { MailFeedback } from '../../../common/mailings.js';
import type { Db } from '../../db/client.js';
import { parseCampaignMessageId } from './campaign-mail.js';
import { mailingRecipients } from './schema.js';
import type { Subscriptions } from './subscriptions.service.js';

/**
 * What comes back later about campaign e-mails (issue 9 p. 5): a permanent delivery failure
 * (RFC 3464 report) marks the address undeliverable, a spam complaint (RFC 5965 report) revokes
 * the consent with reason «complaint»; both are counted on the campaign. A report is matched by
 * the Message-ID it quotes, whose token must belong to the row's subscriber, so a forged report
 * cannot unsubscribe anyone else. Returns how many campaign e-mails it concerned.
 */
export function createMailingFeedback(deps: { db: Db; subscriptions: Subscriptions }) {
  const { db, subscriptions } = deps;

  async function record(kind: MailFeedback, messageIds: string[]): Promise<number> {
    let matched = 0;
    for (const messageId of new Set(messageIds)) {
      const named = parseCampaignMessageId(messageId);
      if (!named) continue;
      const [row] = await db
        .select()
        .from(mailingRecipients)
        .where(eq(mailingRecipients.id, named.recipientId));
      if (!row || subscriptions.tokens.verify(row.agencyId, named.token) !== row.subscriberId) continue;
      matched++;
      await db.transaction(async (tx) => {
        // The same report delivered twice, or a complaint after a bounce, changes nothing more.
        const first = await tx
          .update(mailingRecipients)
          .set({ feedback: kind, feedbackAt: new Date() })
          .where(and(eq(mailingRecipients.id, row.id), isNull(mailingRecipients.feedback)))
          .returning({ id: mailingRecipients.id });
        if (first.length === 0) return;
        if (kind === 'bounce') await subscriptions.markBounced(tx, row.agencyId, row.subscriberId);
        else await subscriptions.markComplained(tx, row.agencyId, row.subscriberId);
      });
    }
    return matched;
  }

  return {
    bounced: (messageIds: string[]) => record('bounce', messageIds),
    complained: (messageIds: string[]) => record('complaint', messageIds),
  };
}

export type MailingFeedback = ReturnType<typeof createMailingFeedback>;
