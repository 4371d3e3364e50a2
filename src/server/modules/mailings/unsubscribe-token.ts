import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

const UUID_HEX = /^[0-9a-f]{32}$/;

/**
 * Unsubscribe links (seed 004 p. 15) carry the subscriber's id and an HMAC of it, so a link works
 * for its own address only, cannot be guessed, and needs no stored secret per e-mail. The key is
 * derived from the node's secrets key, which every node of an installation shares.
 */
export function createUnsubscribeTokens(secretsKey: Buffer) {
  const key = Buffer.from(hkdfSync('sha256', secretsKey, Buffer.alloc(0), 'otklik mailings unsubscribe', 32));
  const mac = (agencyId: string, subscriberId: string) =>
    createHmac('sha256', key).update(`${agencyId}:${subscriberId}`).digest().subarray(0, 24);

  return {
    issue(agencyId: string, subscriberId: string): string {
      return subscriberId.replaceAll('-', '') + mac(agencyId, subscriberId).toString('base64url');
    },

    /** The subscriber a token names within this agency, or null for anything forged or foreign. */
    verify(agencyId: string, token: string): string | null {
      const hex = token.slice(0, 32);
      if (!UUID_HEX.test(hex)) return null;
      const subscriberId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
      const given = Buffer.from(token.slice(32), 'base64url');
      const expected = mac(agencyId, subscriberId);
      return given.length === expected.length && timingSafeEqual(given, expected) ? subscriberId : null;
    },
  };
}

export type UnsubscribeTokens = ReturnType<typeof createUnsubscribeTokens>;
