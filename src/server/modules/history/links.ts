import type { Db } from '../../db/client.js';
import { DomainError, NotFound } from '../../lib/errors.js';
import type { Mailer } from '../../lib/mail.js';
import { randomToken, sha256 } from '../../lib/tokens.js';
import type { AgencyService } from '../agencies/service.js';
import type { ClientService } from '../clients/service.js';
import * as repo from './repo.js';
import type { HistoryService } from './service.js';

const LINK_TTL_MS = 24 * 3600_000;
/** Asks for one address per hour, counted alike for known and unknown addresses. */
export const ASKS_PER_ADDRESS_PER_HOUR = 3;

const linkInvalid = () =>
  new NotFound('history_link_invalid', 'Ссылка недействительна: она уже использована или её срок истёк');

/**
 * Seed 004 p. 4 from the portal: the client asks by e-mail and receives a one-time link there.
 * The answer never tells whether the address belongs to a client of the agency.
 */
export function createHistoryLinks(deps: {
  db: Db;
  agencies: AgencyService;
  clients: ClientService;
  history: HistoryService;
  mailer: Mailer;
  publicUrl: string;
}) {
  const { db, agencies, clients, history, mailer } = deps;

  async function agencyOf(slug: string) {
    const agency = await agencies.findBySlug(slug);
    if (!agency) throw new NotFound('agency_not_found', 'Ведомство не найдено');
    return agency;
  }

  return {
    /**
     * Records the ask and, for a known address, issues the link. `delivery` is the e-mail on its way:
     * the caller answers without waiting for it, since waiting on the mail server only for known
     * addresses would tell them apart by response time.
     */
    async ask(slug: string, email: string, now = new Date()): Promise<{ delivery: Promise<void> }> {
      const agency = await agencyOf(slug);
      const address = email.trim().toLowerCase();
      const addressHash = sha256(`${agency.id}:${address}`);
      const recent = await repo.countAsksSince(
        db,
        agency.id,
        addressHash,
        new Date(now.getTime() - 3600_000),
      );
      if (recent >= ASKS_PER_ADDRESS_PER_HOUR) {
        throw new DomainError(
          429,
          'rate_limited',
          'Слишком много запросов для этого адреса. Повторите через час',
          undefined,
          {
            'retry-after': '3600',
          },
        );
      }
      await repo.insertAsk(db, { agencyId: agency.id, addressHash, at: now });
      const client = await clients.findByEmail(agency.id, address);
      if (!client) return { delivery: Promise.resolve() };
      const token = randomToken();
      await repo.insertLink(db, {
        agencyId: agency.id,
        clientId: client.id,
        tokenHash: sha256(token),
        createdAt: now,
        expiresAt: new Date(now.getTime() + LINK_TTL_MS),
      });
      const url = `${deps.publicUrl}/${agency.slug}/history/download?token=${token}`;
      const delivery = mailer.send({
        to: address,
        subject: `История обращений — ${agency.shortName}`,
        text: [
          'Здравствуйте!',
          '',
          `Вы запросили историю своих обращений в «${agency.name}».`,
          `Скачать архив можно один раз в течение 24 часов по ссылке:`,
          url,
          '',
          'Если вы не запрашивали историю, просто не открывайте ссылку.',
        ].join('\n'),
      });
      return { delivery };
    },

    /** The ZIP for a valid, unused link; the link is spent by the download. */
    async download(slug: string, token: string, now = new Date()) {
      const agency = await agencyOf(slug);
      const link = await repo.findUsableLink(db, agency.id, sha256(token), now);
      if (!link) throw linkInvalid();
      if (!(await repo.claimLink(db, link.id, now))) throw linkInvalid();
      try {
        return await history.exportClient(agency.id, link.clientId, 'portal', null);
      } catch (error) {
        // The client got nothing: the link stays usable.
        await repo.releaseLink(db, link.id);
        throw error;
      }
    },
  };
}

export type HistoryLinks = ReturnType<typeof createHistoryLinks>;
