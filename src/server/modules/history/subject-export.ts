import type { Db } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { renderPdf } from '../../lib/pdf.js';
import type { AuditService } from '../audit/service.js';
import { normalizeContact } from '../clients/contacts.js';
import type { ClientService } from '../clients/service.js';
import type { HistoryService } from './service.js';
import * as repo from './subject.repo.js';
import { subjectDocument } from './subject-pdf.js';

/** The audit entities that tell who opened, changed or handed out a client's data. */
const TRAIL_ENTITIES = ['client', 'history_export', 'subject_export'];

const iso = (at: Date | null) => at?.toISOString() ?? null;

/**
 * A 152-ФЗ subject request (ст. 14): everything the agency holds about one person, as JSON for a
 * machine and PDF for a person. It is the history hand-over (seed 004 p. 4) plus what that leaves
 * out: consents, the mailing ledger, what was sent to the person and who accessed their data.
 */
export function createSubjectExport(deps: {
  db: Db;
  history: HistoryService;
  clients: ClientService;
  audit: AuditService;
}) {
  const { db, history, clients, audit } = deps;

  async function collect(agencyId: string, clientId: string) {
    const content = await history.contentOf(agencyId, clientId);
    const { client, contacts, requests } = content;
    const emails = contacts.filter((c) => c.kind === 'email').map((c) => normalizeContact(c.kind, c.value));
    const [consents, mailings, messages, polls, trail] = await Promise.all([
      clients.consentEvents(agencyId, client.id),
      repo.mailingsOf(db, agencyId, emails),
      repo.messagesTo(
        db,
        agencyId,
        client.id,
        requests.map((r) => r.id),
      ),
      repo.pollInvitations(db, agencyId, client.id),
      audit.trailOf(agencyId, TRAIL_ENTITIES, [client.id]),
    ]);
    return { content, consents: [...consents].reverse(), mailings, messages, polls, trail };
  }

  type Collected = Awaited<ReturnType<typeof collect>>;

  function toJson({ content, consents, mailings, messages, polls, trail }: Collected, now: Date) {
    const { agency, client, contacts, requests, entries } = content;
    return {
      generatedAt: now.toISOString(),
      agency: { name: agency.name, slug: agency.slug },
      subject: {
        id: client.id,
        kind: client.kind,
        name: client.name,
        organisationName: client.organisationName,
        inn: client.inn,
        postalAddress: client.postalAddress,
        createdAt: iso(client.createdAt),
        contacts: contacts.map((c) => ({ kind: c.kind, value: c.value })),
      },
      requests: requests.map((r) => ({
        number: r.number,
        kind: r.kind,
        channel: r.channel,
        status: r.status,
        receivedAt: iso(r.receivedAt),
        dueAt: iso(r.dueAt),
        text: r.text,
        contact: { name: r.contactName, email: r.contactEmail, phone: r.contactPhone },
        attachmentNames: r.attachmentNames?.split('\n').filter(Boolean) ?? [],
        answer: r.answerText ? { text: r.answerText, form: r.answerForm, at: iso(r.resolvedAt) } : null,
        events: r.events
          .filter((e) => e.isPublic)
          .map((e) => ({ at: iso(e.at), status: e.status, note: e.note })),
      })),
      // Calls, reception visits and every other point of contact the history knows (staff-only notes left out).
      interactions: entries
        .filter((e) => !e.internal)
        .reverse()
        .map(({ internal: _internal, ...e }) => e),
      consents: consents.map((e) => ({
        at: iso(e.at),
        purpose: e.purpose,
        action: e.action,
        channel: e.channel,
      })),
      mailing: {
        subscriptions: mailings.subscriptions.map((s) => ({
          email: s.email,
          status: s.status,
          createdAt: iso(s.createdAt),
          confirmedAt: iso(s.confirmedAt),
          revokedAt: iso(s.revokedAt),
        })),
        consentLedger: mailings.ledger.map((e) => ({
          at: iso(e.at),
          email: e.email,
          event: e.event,
          method: e.method,
          sourcePage: e.sourcePage,
          consentText: e.consentText,
          topics: e.topics,
          ip: e.ip,
          staff: e.actorName,
        })),
      },
      notifications: messages.map((m) => ({
        at: iso(m.at),
        channel: m.network,
        recipient: m.recipient,
        subject: m.subject,
        body: m.body,
        status: m.status,
        sentAt: iso(m.sentAt),
        requestNumber: requests.find((r) => r.id === m.requestId)?.number ?? null,
      })),
      surveys: {
        invitations: polls.map((p) => ({ at: iso(p.at), channel: p.channel, survey: p.surveyTitle })),
        answers: 'Ответы на опросы хранятся без сведений об отвечавшем и не могут быть отнесены к лицу',
      },
      accessLog: trail.map((e) => ({
        at: iso(e.at),
        action: e.action,
        entity: e.entity,
        staff: e.actorName ? `${e.actorName} <${e.actorEmail}>` : null,
      })),
    };
  }

  return {
    /** The ZIP for the subject; the export itself is audited so the next one lists it. */
    async export(actor: Actor, clientId: string) {
      const collected = await collect(actor.agencyId, clientId);
      const now = new Date();
      const data = toJson(collected, now);
      const pdf = await renderPdf(subjectDocument(data, collected.content.agency.timezone));
      const { zip, fileCount } = await history.archiveOf(collected.content, now, [
        { path: 'subject.json', content: JSON.stringify(data, null, 2) },
        { path: 'subject.pdf', content: pdf },
      ]);
      const subjectId = collected.content.client.id;
      await db.transaction((tx) =>
        audit.record(tx, actor, 'subject_export', subjectId, {
          after: { requestCount: data.requests.length, fileCount },
        }),
      );
      return { zip, fileName: `subject-${now.toISOString().slice(0, 10)}.zip` };
    },
  };
}

export type SubjectExport = ReturnType<typeof createSubjectExport>;
/** What the PDF reads of the JSON. */
export interface SubjectJson {
  generatedAt: string;
  agency: { name: string };
  subject: {
    name: string;
    organisationName: string | null;
    postalAddress: string | null;
    contacts: { kind: string; value: string }[];
  };
  requests: { number: string; receivedAt: string | null; status: string }[];
  interactions: { at: string; channel: string; title: string }[];
  consents: { at: string | null; purpose: string; action: string; channel: string }[];
  mailing: {
    subscriptions: { email: string; status: string }[];
    consentLedger: { at: string | null; email: string; event: string; method: string; topics: string[] }[];
  };
  notifications: {
    at: string | null;
    channel: string;
    recipient: string;
    subject: string | null;
    status: string;
  }[];
  surveys: { invitations: { at: string | null; channel: string; survey: string }[]; answers: string };
  accessLog: { at: string | null; action: string; entity: string; staff: string | null }[];
}
