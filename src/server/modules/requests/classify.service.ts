import type { RequestType } from '../../../common/classification.js';
import type { Db, Executor } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { formatLongDate, type ProductionCalendar } from '../../lib/calendar.js';
import { Conflict, Invalid, NotFound } from '../../lib/errors.js';
import type { CalendarService } from '../agencies/calendar.service.js';
import type { AgencyService } from '../agencies/service.js';
import type { AuditService } from '../audit/service.js';
import type { TaxonomyService } from '../classification/service.js';
import { answerTerm, type DeadlinePolicies, termEnd } from './deadlines.js';
import type { RequestNotifier } from './notifier.js';
import type { DeadlinePolicyService } from './policies.service.js';
import * as repo from './repo.js';

export interface Classification {
  topicId: string;
  typicalNeedId: string | null;
  requestType: RequestType;
  urgent: boolean;
  /** Omitted: the topic's default department (or the current one when the topic has none). */
  departmentId?: string | null;
}

/** Examples confirmed before this many are enough for the model; older ones are left out. */
const TRAINING_LIMIT = 5000;
/** Enough for a quarter of a busy agency's mail; clustering more at once gains little. */
const RECENT_LIMIT = 20_000;

interface Local {
  timezone: string;
  calendar: ProductionCalendar;
  policies: DeadlinePolicies;
}

const notFound = () => new NotFound('request_not_found', 'Обращение не найдено');

/**
 * An operator's classification of a request (seed 003 p. 9.1: topic and typical need; seed 004
 * p. 8: type and urgency). Urgency shortens the answer term where the policy has one
 * (59-ФЗ ст. 12 ч. 1.1; ПОС fast-track, seed 003 p. 10.1) and un-marking restores the normal term.
 */
export function createRequestClassification(deps: {
  db: Db;
  policies: DeadlinePolicyService;
  agencies: AgencyService;
  calendar: CalendarService;
  taxonomy: TaxonomyService;
  audit: AuditService;
  notifier: RequestNotifier;
}) {
  const { db, policies, agencies, calendar, taxonomy, audit, notifier } = deps;

  async function departmentFor(actor: Actor, input: Classification, topicDefault: string | null) {
    const departmentId = input.departmentId === undefined ? topicDefault : input.departmentId;
    if (departmentId && !(await agencies.departmentIdsOf(actor.agencyId)).includes(departmentId)) {
      throw new Invalid('body.departmentId', 'Такого подразделения в ведомстве нет');
    }
    return departmentId;
  }

  /** The new deadline when urgency changes, with the note the client reads; null when it stays. */
  function deadlineFor(row: repo.RequestRow, urgent: boolean, local: Local) {
    const policy = local.policies[row.kind];
    if (row.urgent === urgent || !policy.urgentAnswer) return null;
    if (row.resolvedAt) {
      throw new Conflict(
        'already_resolved',
        'Обращение уже рассмотрено: срочность не меняет срок',
        'body.urgent',
      );
    }
    if (row.extendedAt) {
      throw new Conflict(
        'already_extended',
        'Срок уже продлён: срочность больше не меняет его',
        'body.urgent',
      );
    }
    const term = answerTerm(policy, urgent);
    const from = row.registeredAt ?? row.receivedAt;
    const dueAt = termEnd(term, from, local.timezone, local.calendar);
    const date = formatLongDate(dueAt, local.timezone);
    const note = urgent
      ? `Обращение рассматривается в сокращённый срок — до ${date} (${term.source}).`
      : `Срок рассмотрения — до ${date} (${term.source}).`;
    return { dueAt, dueSource: term.source, note };
  }

  /** The internal event, the client's event when the deadline moved, and the audit row. */
  async function record(
    tx: Executor,
    actor: Actor,
    before: repo.RequestRow,
    patch: Partial<repo.NewRequest>,
    notes: { internal: string; public: string | null },
  ) {
    const base = {
      agencyId: actor.agencyId,
      requestId: before.id,
      status: before.status,
      actorId: actor.userId,
    };
    await repo.insertEvents(tx, [
      { ...base, note: notes.internal, isPublic: false },
      ...(notes.public ? [{ ...base, note: notes.public, isPublic: true }] : []),
    ]);
    const { topicId, typicalNeedId, requestType, urgent, departmentId, dueAt } = before;
    await audit.record(tx, actor, 'request', before.id, {
      before: { topicId, typicalNeedId, requestType, urgent, departmentId, dueAt },
      after: patch,
    });
  }

  return {
    async classify(actor: Actor, id: string, input: Classification) {
      // Another agency's request is absent, whatever the body says.
      if (!(await repo.findById(db, actor.agencyId, id))) throw notFound();
      const { topic, need } = await taxonomy.checkChoice(actor.agencyId, input.topicId, input.typicalNeedId);
      const departmentId = await departmentFor(actor, input, topic.defaultDepartmentId);
      // Read before the transaction: on a single connection (PGlite) a read outside it would wait for it.
      const local = {
        timezone: (await agencies.byId(actor.agencyId)).timezone,
        calendar: await calendar.forAgency(actor.agencyId),
        policies: await policies.forAgency(actor.agencyId),
      };
      const { after, note } = await db.transaction(async (tx) => {
        const before = await repo.lockById(tx, actor.agencyId, id);
        if (!before) throw notFound();
        const deadline = deadlineFor(before, input.urgent, local);
        const patch: Partial<repo.NewRequest> = {
          topicId: topic.id,
          typicalNeedId: need?.id ?? null,
          requestType: input.requestType,
          urgent: input.urgent,
          departmentId: departmentId ?? before.departmentId,
          classifiedAt: new Date(),
          classifiedBy: actor.userId,
          ...(deadline && { dueAt: deadline.dueAt, dueSource: deadline.dueSource }),
        };
        const after = await repo.updateRequest(tx, actor.agencyId, id, patch);
        const internal = `Классифицировано: ${topic.name}${need ? ` — ${need.name}` : ''}${input.urgent ? ', срочное' : ''}`;
        await record(tx, actor, before, patch, { internal, public: deadline?.note ?? null });
        return { after, note: deadline?.note ?? null };
      });
      if (note) await notifier.statusChanged(actor.agencyId, after, note);
      return after;
    },

    /** What the classifier learns from: texts with their confirmed topic and department. */
    trainingSet: (agencyId: string) => repo.listConfirmed(db, agencyId, TRAINING_LIMIT),
    confirmedStamp: (agencyId: string) => repo.confirmedStamp(db, agencyId),
    /** Texts received since `since`, for finding questions asked often (seed 003 p. 41). */
    async textsSince(agencyId: string, since: Date) {
      const rows = await repo.listTextsSince(db, agencyId, since, RECENT_LIMIT);
      return rows.map((row) => ({ ...row, source: 'request' as const }));
    },

    async textOf(agencyId: string, id: string) {
      const row = await repo.findById(db, agencyId, id);
      if (!row) throw notFound();
      return row.text;
    },
  };
}

export type RequestClassification = ReturnType<typeof createRequestClassification>;
