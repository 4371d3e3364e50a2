import type { Executor } from '../../db/client.js';
import * as repo from './repo.js';

export interface ContactInput {
  name: string;
  email: string | null;
  phone: string | null;
}

/** Digits only, with a Russian 8… trunk prefix read as +7, so «8 (383) 228-63-58» matches «+7 383 2286358». */
export function normalizePhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.length === 11 && digits.startsWith('8') ? `7${digits.slice(1)}` : digits;
}

export function createClientService() {
  return {
    /**
     * The agency's client with this e-mail (else phone), or a new one. Matching by contact keeps
     * one history per person across channels; doubtful matches are merged later by staff.
     */
    async findOrCreate(tx: Executor, agencyId: string, contact: ContactInput, at: Date): Promise<string> {
      const phone = contact.phone ? normalizePhone(contact.phone) : null;
      const existing =
        (contact.email ? await repo.findClientByEmail(tx, agencyId, contact.email) : undefined) ??
        (phone ? await repo.findClientByPhone(tx, agencyId, phone) : undefined);
      if (existing) {
        await repo.touchClient(tx, agencyId, existing.id, at);
        return existing.id;
      }
      const created = await repo.insertClient(tx, {
        agencyId,
        name: contact.name,
        email: contact.email,
        phone,
        createdAt: at,
        lastInteractionAt: at,
      });
      return created.id;
    },
  };
}

export type ClientService = ReturnType<typeof createClientService>;
