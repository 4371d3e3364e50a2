import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { Unauthorized } from '../../lib/errors.js';
import type { SecretBox } from '../../lib/secret-box.js';
import type { AuditService } from '../audit/service.js';
import { posSettings } from './schema.js';

const badSignature = () =>
  new Unauthorized('bad_signature', 'Подпись запроса (X-Pos-Signature) не совпадает: сообщение не принято');

/** HMAC-SHA256 of the raw body, hex; compared in constant time. */
export function signatureMatches(secret: string, body: Buffer, given: string | undefined): boolean {
  if (!given || !/^[0-9a-fA-F]{64}$/.test(given)) return false;
  const expected = createHmac('sha256', secret).update(body).digest();
  return timingSafeEqual(expected, Buffer.from(given, 'hex'));
}

/** The per-agency shared secret of the ПОС webhook: rotated by an administrator, shown once. */
export function createPosSettings(deps: { db: Db; box: SecretBox; audit: AuditService }) {
  const { db, box, audit } = deps;

  /** A secret sealed under another SECRETS_KEY cannot be opened: as good as none until rotated. */
  function openSecret(sealed: string): string {
    try {
      return box.open(sealed);
    } catch {
      throw new Unauthorized('pos_not_configured', 'Приём сообщений ПОС для ведомства не настроен');
    }
  }

  return {
    async status(actor: Actor) {
      const [row] = await db
        .select({ rotatedAt: posSettings.rotatedAt })
        .from(posSettings)
        .where(eq(posSettings.agencyId, actor.agencyId));
      return { configured: Boolean(row), rotatedAt: row?.rotatedAt.toISOString() ?? null };
    },

    /** A new secret replaces the old one at once; the plain value is returned this one time. */
    async rotate(actor: Actor) {
      const secret = randomBytes(32).toString('hex');
      const values = { sealedSecret: box.seal(secret), rotatedAt: new Date(), rotatedBy: actor.userId };
      await db.transaction(async (tx) => {
        await tx
          .insert(posSettings)
          .values({ agencyId: actor.agencyId, ...values })
          .onConflictDoUpdate({ target: posSettings.agencyId, set: values });
        // The secret itself never goes into the audit log.
        await audit.record(tx, actor, 'pos_settings', actor.agencyId, {
          after: { rotatedAt: values.rotatedAt },
        });
      });
      return { secret, rotatedAt: values.rotatedAt.toISOString() };
    },

    /** Throws 401 unless the body is signed with the agency's current secret. */
    async verify(agencyId: string, body: Buffer, signature: string | undefined) {
      const [row] = await db.select().from(posSettings).where(eq(posSettings.agencyId, agencyId));
      if (!row) {
        throw new Unauthorized('pos_not_configured', 'Приём сообщений ПОС для ведомства не настроен');
      }
      if (!signatureMatches(openSecret(row.sealedSecret), body, signature)) throw badSignature();
    },
  };
}

export type PosSettings = ReturnType<typeof createPosSettings>;
