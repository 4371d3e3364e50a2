import type { DeadlinePolicy } from './deadlines.js';
import { OPEN_STATUSES } from './lifecycle.js';
import type { AttachmentRow, RequestRow } from './repo.js';
import type { requestEvents } from './schema.js';

type EventRow = typeof requestEvents.$inferSelect;

const isOverdue = (row: RequestRow, now: Date) => OPEN_STATUSES.includes(row.status) && row.dueAt < now;

export function toPublicStatus(row: RequestRow, events: EventRow[]) {
  return {
    number: row.number,
    kind: row.kind,
    status: row.status,
    receivedAt: row.receivedAt.toISOString(),
    dueAt: row.dueAt.toISOString(),
    events: events.map((event) => ({ at: event.at.toISOString(), status: event.status, note: event.note })),
  };
}

export function toSummary(row: RequestRow, now: Date) {
  return {
    id: row.id,
    number: row.number,
    kind: row.kind,
    channel: row.channel,
    status: row.status,
    contactName: row.contactName,
    receivedAt: row.receivedAt.toISOString(),
    dueAt: row.dueAt.toISOString(),
    overdue: isOverdue(row, now),
    departmentId: row.departmentId,
    assigneeId: row.assigneeId,
    topicId: row.topicId,
    urgent: row.urgent,
  };
}

export function toAttachment(row: AttachmentRow) {
  return {
    id: row.id,
    kind: row.kind,
    name: row.originalName,
    mimeType: row.mimeType,
    size: row.size,
    uploadedBy: row.uploadedBy,
    createdAt: row.createdAt.toISOString(),
  };
}

export function toStaffDetail(
  row: RequestRow,
  events: EventRow[],
  attachments: AttachmentRow[],
  now: Date,
  policy: DeadlinePolicy,
) {
  return {
    ...toSummary(row, now),
    text: row.text,
    contactEmail: row.contactEmail,
    contactPhone: row.contactPhone,
    notifyByEmail: row.notifyByEmail,
    clientId: row.clientId,
    registeredAt: row.registeredAt?.toISOString() ?? null,
    dueSource: row.dueSource,
    law: policy.law,
    extendedAt: row.extendedAt?.toISOString() ?? null,
    answerText: row.answerText,
    answerForm: row.answerForm,
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    groundCode: row.groundCode,
    redirectAddressee: row.redirectAddressee,
    typicalNeedId: row.typicalNeedId,
    requestType: row.requestType,
    classifiedAt: row.classifiedAt?.toISOString() ?? null,
    classifiedBy: row.classifiedBy,
    externalCategory: row.externalCategory ?? null,
    externalSource: row.externalSource ?? null,
    // The network answers go back on (a chat, a comment thread), whatever the request's channel says.
    replyNetwork: row.replyRoute?.network ?? null,
    attachments: attachments.map(toAttachment),
    events: events.map((event) => ({
      at: event.at.toISOString(),
      status: event.status,
      note: event.note,
      isPublic: event.isPublic,
      actorId: event.actorId,
    })),
  };
}
