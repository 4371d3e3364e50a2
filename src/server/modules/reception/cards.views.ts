import type { TimelineEntry } from '../../../common/clients.js';
import type { CardOutcome } from '../../../common/reception.js';
import type { CardRecord, CardRow } from './cards.repo.js';
import type { RoomRow } from './repo.js';
import { toRoom } from './views.js';

/** What the actor may do with a card; the page shows or hides its steps by it. */
export interface CardRights {
  canPrepare: boolean;
  canConduct: boolean;
}

export function toCardView(
  record: CardRecord,
  room: RoomRow | undefined,
  rooms: RoomRow[],
  rights: CardRights,
) {
  const { card, slot, official, slotRoom, booking, request } = record;
  return {
    id: card.id,
    closed: card.closedAt !== null,
    closedAt: card.closedAt?.toISOString() ?? null,
    slot: { id: slot.id, startsAt: slot.startsAt.toISOString(), endsAt: slot.endsAt.toISOString() },
    official: { id: official.id, name: official.name, position: official.position },
    booking: { id: booking.id, status: booking.status, source: booking.source },
    slotRoom: slotRoom ? toRoom(slotRoom) : null,
    room: room ? toRoom(room) : null,
    rooms: rooms.map(toRoom),
    clientId: card.clientId,
    name: card.name,
    phone: card.phone,
    email: card.email,
    postalAddress: card.postalAddress,
    topic: card.topic,
    identityCheckedAt: card.identityCheckedAt?.toISOString() ?? null,
    recordingConsent: card.recordingConsent,
    officialIntroduced: card.officialIntroduced,
    appliedBefore: card.appliedBefore,
    appliedBeforeDetails: card.appliedBeforeDetails,
    outcome: card.outcome,
    oralAnswerConsent: card.oralAnswerConsent,
    answerText: card.answerText,
    redirectNote: card.redirectNote,
    request: request ? { id: request.id, number: request.number, dueAt: request.dueAt.toISOString() } : null,
    ...rights,
  };
}

/** The audit keeps the card's own fields: the facts recorded, not the joined rows. */
export const auditCard = (card: CardRow) => ({
  ...card,
  identityCheckedAt: card.identityCheckedAt?.toISOString() ?? null,
  closedAt: card.closedAt?.toISOString() ?? null,
  createdAt: card.createdAt.toISOString(),
});

const OUTCOME_TITLES: Record<CardOutcome, string> = {
  oral: 'дан устный ответ',
  written: 'будет дан письменный ответ',
  outside_competence: 'разъяснено, куда обратиться',
};

/** One timeline entry per card (seed 004 p. 4): the visit, its question and how it ended. */
export function cardTimelineEntry(row: {
  card: CardRow;
  startsAt: Date;
  official: { name: string; position: string };
  requestNumber: string | null;
}): TimelineEntry {
  const { card } = row;
  const result = card.outcome ? `Итог: ${OUTCOME_TITLES[card.outcome]}` : null;
  const answer =
    card.outcome === 'oral'
      ? card.answerText
      : card.outcome === 'outside_competence'
        ? card.redirectNote
        : null;
  return {
    kind: 'reception',
    at: (card.closedAt ?? row.startsAt).toISOString(),
    channel: 'reception',
    status: card.closedAt ? 'closed' : 'open',
    title: `Личный приём: ${row.official.name}, ${row.official.position}`,
    detail: [card.topic, result, answer].filter(Boolean).join('\n'),
    requestId: card.requestId,
    requestNumber: row.requestNumber,
    internal: false,
  };
}
