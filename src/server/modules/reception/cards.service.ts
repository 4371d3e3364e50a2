import type { Role } from '../../../common/roles.js';
import type { Db, Executor } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { Conflict, Forbidden, Invalid, NotFound } from '../../lib/errors.js';
import type { AuditService } from '../audit/service.js';
import * as clientRepo from '../clients/repo.js';
import type { ClientService } from '../clients/service.js';
import type { RequestActions } from '../requests/actions.service.js';
import type { RequestService } from '../requests/service.js';
import type { Contact, createReceptionBookings } from './bookings.service.js';
import { registerAppeal } from './cards.appeal.js';
import * as cards from './cards.repo.js';
import { type Closing, checkClosing, type Preparation, trimmedOrNull } from './cards.rules.js';
import { auditCard, cardTimelineEntry, toCardView } from './cards.views.js';
import * as repo from './repo.js';
import { toBooking } from './views.js';

/**
 * Who does what with a card (seed 003 p. 35.1–35.3). The reception room's staff (receptionists,
 * and admins and heads, who may stand in for them) prepare it — p. 35.2: the identity check
 * against the card, the missing client data, the consent to recording and the room. Only the
 * official the slot belongs to conducts and closes it — p. 35.3 and «не допускается перепоручение»
 * (p. 35.1): the introduction, the earlier applications, the outcome. That official may also
 * prepare. Operators only read.
 */
const PREPARERS: Role[] = ['admin', 'head', 'receptionist'];
const READERS: Role[] = [...PREPARERS, 'operator'];

const cardNotFound = () => new NotFound('card_not_found', 'Карточка личного приёма не найдена');
const cardClosed = () =>
  new Conflict('card_closed', 'Карточка личного приёма закрыта: изменить её нельзя', 'params.id');
const onlyTheOfficial = () =>
  new Forbidden(
    'Приём ведёт только уполномоченное должностное лицо, за которым закреплено это время приёма: перепоручение не допускается',
  );

export function createReceptionCards(deps: {
  db: Db;
  audit: AuditService;
  clients: ClientService;
  requests: RequestService;
  requestActions: RequestActions;
  bookings: ReturnType<typeof createReceptionBookings>;
}) {
  const { db, audit, clients, requests, requestActions } = deps;

  function rightsOf(actor: Actor, record: cards.CardRecord) {
    const isOfficial = record.official.userId === actor.userId;
    const has = (roles: Role[]) => roles.some((role) => actor.roles.includes(role));
    return { isOfficial, canRead: isOfficial || has(READERS), canPrepare: isOfficial || has(PREPARERS) };
  }

  async function load(executor: Executor, actor: Actor, id: string) {
    const record = await cards.findCard(executor, actor.agencyId, id);
    if (!record) throw cardNotFound();
    const rights = rightsOf(actor, record);
    if (!rights.canRead) throw new Forbidden();
    return { record, rights };
  }

  async function view(actor: Actor, id: string) {
    const { record, rights } = await load(db, actor, id);
    const rooms = await repo.listRooms(db, actor.agencyId);
    const room = rooms.find((r) => r.id === (record.card.roomId ?? record.slot.roomId));
    return toCardView(record, room, rooms, { canPrepare: rights.canPrepare, canConduct: rights.isOfficial });
  }

  /**
   * p. 35.2 2): a citizen who refuses video recording is received in a room without it. The
   * room is the card's choice, else the slot's; with no room known there is nothing to record.
   * While preparing the citizen may not have been asked yet; the reception needs the answer.
   */
  async function checkRoom(
    agencyId: string,
    card: { roomId: string | null; recordingConsent: boolean | null },
    slotRoomId: string | null,
    field: string,
    answerRequired: boolean,
  ) {
    const roomId = card.roomId ?? slotRoomId;
    const room = roomId ? await repo.findRoom(db, agencyId, roomId) : undefined;
    if (!room?.videoRecording) return;
    if (card.recordingConsent === null && answerRequired)
      throw new Invalid(
        'card.recordingConsent',
        'Сообщите клиенту о видео- и аудиопротоколировании и отметьте его согласие или отказ',
      );
    if (card.recordingConsent === false)
      throw new Invalid(
        field,
        'Клиент не согласен на видеопротоколирование: выберите помещение без видеозаписи',
      );
  }

  /**
   * The card's client, so the visit enters the history: the written answer's appeal has found or
   * created it already; otherwise it is found by e-mail or phone, else created (modules/clients).
   * The postal address from the card fills a missing one: the written answer may go by post.
   */
  async function linkClient(
    tx: Executor,
    agencyId: string,
    card: cards.CardRow,
    known: string | null,
    now: Date,
  ) {
    const clientId =
      known ??
      (await clients.findOrCreate(
        tx,
        agencyId,
        { name: card.name, email: card.email, phone: card.phone, channel: 'reception' },
        now,
      ));
    if (card.postalAddress) {
      const client = await clientRepo.findClient(tx, agencyId, clientId);
      if (client && !client.postalAddress)
        await clientRepo.updateClient(tx, agencyId, clientId, { postalAddress: card.postalAddress });
    }
    return clientId;
  }

  return {
    /**
     * Opens the card of a booking, or of a walk-in on a free slot (the booking is made with it,
     * as an oral request in person). Opening a booking's card again returns the same card.
     */
    async open(
      actor: Actor,
      input: { bookingId: string } | ({ slotId: string } & Contact),
      now = new Date(),
    ) {
      if (!PREPARERS.some((role) => actor.roles.includes(role))) {
        const slotId =
          'slotId' in input
            ? input.slotId
            : (await repo.findBooking(db, actor.agencyId, input.bookingId))?.slotId;
        const found = slotId ? await repo.findSlot(db, actor.agencyId, slotId) : undefined;
        if (found && found.official.userId !== actor.userId) throw new Forbidden();
      }
      const booking =
        'bookingId' in input
          ? await repo.findBooking(db, actor.agencyId, input.bookingId)
          : await deps.bookings.bookWalkIn(actor, input.slotId, input, now);
      if (!booking) throw new NotFound('booking_not_found', 'Запись не найдена');
      const existing = await cards.findCardIdByBooking(db, actor.agencyId, booking.id);
      if (existing) return { created: false, card: await view(actor, existing) };
      if (booking.status !== 'booked')
        throw new Conflict('booking_not_active', 'Запись отменена или приём уже отмечен', 'body.bookingId');
      const id = await db.transaction(async (tx) => {
        const row = await cards.insertCard(tx, {
          agencyId: actor.agencyId,
          slotId: booking.slotId,
          bookingId: booking.id,
          name: booking.name,
          phone: booking.phone,
          email: booking.email,
          topic: booking.topic,
          createdBy: actor.userId,
          createdAt: now,
        });
        if (!row) return undefined;
        await audit.record(tx, actor, 'reception_card', row.id, { after: auditCard(row) });
        return row.id;
      });
      const cardId = id ?? (await cards.findCardIdByBooking(db, actor.agencyId, booking.id));
      if (!cardId) throw cardNotFound();
      return { created: id !== undefined, card: await view(actor, cardId) };
    },

    get: view,

    /** p. 35.2: the check of the identity document (the fact only), missing data, consent and room. */
    async prepare(actor: Actor, id: string, input: Preparation, now = new Date()) {
      const { record, rights } = await load(db, actor, id);
      if (!rights.canPrepare) throw new Forbidden();
      if (record.card.closedAt) throw cardClosed();
      if (input.roomId && !(await repo.findRoom(db, actor.agencyId, input.roomId)))
        throw new Invalid('body.roomId', 'Помещение не найдено');
      const patch: cards.CardPatch = {
        name: input.name?.trim() || undefined,
        topic: input.topic?.trim() || undefined,
        phone: input.phone === undefined ? undefined : trimmedOrNull(input.phone),
        email: input.email === undefined ? undefined : (trimmedOrNull(input.email)?.toLowerCase() ?? null),
        postalAddress: input.postalAddress === undefined ? undefined : trimmedOrNull(input.postalAddress),
        recordingConsent: input.recordingConsent,
        roomId: input.roomId,
        ...(input.identityChecked === undefined
          ? {}
          : input.identityChecked
            ? { identityCheckedAt: now, identityCheckedBy: actor.userId }
            : { identityCheckedAt: null, identityCheckedBy: null }),
      };
      const next = {
        ...record.card,
        ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
      };
      if (input.recordingConsent === false || input.roomId !== undefined)
        await checkRoom(actor.agencyId, next, record.slot.roomId, 'body.roomId', false);
      await db.transaction(async (tx) => {
        const after = await cards.updateOpenCard(tx, actor.agencyId, id, patch);
        if (!after) throw cardClosed();
        await audit.record(tx, actor, 'reception_card', id, {
          before: auditCard(record.card),
          after: auditCard(after),
        });
      });
      return view(actor, id);
    },

    /**
     * p. 35.3: the official introduced themself, asked about earlier applications and gave the
     * outcome. A written answer registers an appeal (59-ФЗ, term from the agency's policy) kept
     * with the card and assigned to the official, who signs the answer. Closed once.
     */
    async close(actor: Actor, id: string, input: Closing, now = new Date()) {
      const { record } = await load(db, actor, id);
      if (record.official.userId !== actor.userId) throw onlyTheOfficial();
      const { card } = record;
      if (card.closedAt) throw cardClosed();
      const { appliedBeforeDetails, answerText, redirectNote } = checkClosing(card, input);
      await checkRoom(actor.agencyId, card, record.slot.roomId, 'card.roomId', true);
      const appeal =
        input.outcome === 'written'
          ? await registerAppeal({ requests, requestActions }, actor, record, appliedBeforeDetails, now)
          : null;
      await db.transaction(async (tx) => {
        const clientId = await linkClient(tx, actor.agencyId, card, appeal?.clientId ?? null, now);
        const after = await cards.updateOpenCard(tx, actor.agencyId, id, {
          officialIntroduced: true,
          appliedBefore: input.appliedBefore,
          appliedBeforeDetails: input.appliedBefore ? appliedBeforeDetails : null,
          outcome: input.outcome,
          oralAnswerConsent: input.outcome === 'oral' ? true : null,
          answerText: input.outcome === 'oral' ? answerText : null,
          redirectNote: input.outcome === 'outside_competence' ? redirectNote : null,
          requestId: appeal?.id ?? null,
          clientId,
          conductedBy: actor.userId,
          closedAt: now,
        });
        if (!after) throw cardClosed();
        await audit.record(tx, actor, 'reception_card', id, {
          before: auditCard(card),
          after: auditCard(after),
        });
        const booking = await cards.settleBooking(tx, actor.agencyId, card.bookingId, 'attended');
        if (booking)
          await audit.record(tx, actor, 'reception_booking', booking.id, {
            before: toBooking(record.booking),
            after: toBooking(booking),
          });
      });
      return view(actor, id);
    },

    /** A citizen who did not come: the booking is marked once the slot has begun. */
    async markNoShow(actor: Actor, bookingId: string, now = new Date()) {
      const booking = await repo.findBooking(db, actor.agencyId, bookingId);
      if (!booking) throw new NotFound('booking_not_found', 'Запись не найдена');
      const found = await repo.findSlot(db, actor.agencyId, booking.slotId);
      const isOfficial = found?.official.userId === actor.userId;
      if (!isOfficial && !PREPARERS.some((role) => actor.roles.includes(role))) throw new Forbidden();
      if (found && found.slot.startsAt > now)
        throw new Invalid('params.id', 'Неявку можно отметить только после начала времени приёма');
      return db.transaction(async (tx) => {
        const after = await cards.settleBooking(tx, actor.agencyId, bookingId, 'no_show');
        if (!after) throw new Conflict('booking_not_active', 'Запись отменена или приём уже отмечен');
        await audit.record(tx, actor, 'reception_booking', bookingId, {
          before: toBooking(booking),
          after: toBooking(after),
        });
        return toBooking(after);
      });
    },

    /** The client's visits for the history timeline (seed 004 p. 4). */
    async timelineOf(agencyId: string, clientId: string) {
      return (await cards.cardsOfClient(db, agencyId, clientId)).map(cardTimelineEntry);
    },

    /** Cards and their bookings leave with a purged client (retention.onPurge). */
    purgeClients: cards.deleteCardsOfClients,
    /** A merge moves the visits to the surviving client (clientMerges.onMerge). */
    reassignClient: cards.reassignClient,
  };
}

export type ReceptionCards = ReturnType<typeof createReceptionCards>;
