import type { Actor } from '../../lib/actor.js';
import type { RequestActions } from '../requests/actions.service.js';
import type { RequestService } from '../requests/service.js';
import type { CardRecord } from './cards.repo.js';

/**
 * The oral appeal answered in writing (59-ФЗ ст. 13 ч. 2): registered in the registry as a
 * reception appeal with the policy's term, keyed by the card so a retried closing registers it
 * once, and assigned to the official, who signs the answer (seed 003 p. 35.3).
 */
export async function registerAppeal(
  deps: { requests: RequestService; requestActions: RequestActions },
  actor: Actor,
  record: CardRecord,
  appliedBefore: string | null,
  now: Date,
) {
  const { card, official } = record;
  const { row } = await deps.requests.registerByStaff(actor, {
    kind: 'reception_appeal',
    channel: 'reception',
    receivedAt: now,
    text: [
      `Устное обращение на личном приёме (${official.name}, ${official.position}).`,
      card.topic,
      appliedBefore ? `Ранее обращался: ${appliedBefore}` : null,
      card.postalAddress ? `Почтовый адрес для ответа: ${card.postalAddress}` : null,
    ]
      .filter(Boolean)
      .join('\n\n'),
    name: card.name,
    email: card.email,
    phone: card.phone,
    notifyByEmail: Boolean(card.email),
    externalId: `card:${card.id}`,
  });
  if (!row.assigneeId)
    await deps.requestActions.assign(actor, row.id, { departmentId: null, assigneeId: actor.userId });
  return { id: row.id, clientId: row.clientId };
}
