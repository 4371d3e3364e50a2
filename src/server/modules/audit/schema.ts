import { bigserial, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { AuthEventKind } from '../../../common/auth-events.js';
import { sealedAuditJson } from '../../lib/sealed-json.js';
import { agencies } from '../agencies/schema.js';
import { users } from '../auth/schema.js';

// Append-only: rows are written in the same transaction as the change they describe.
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    action: text('action').$type<'create' | 'update' | 'delete' | 'read'>().notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    // Snapshots of people's records: their contact values are sealed (lib/sealed-json.ts).
    before: sealedAuditJson('before'),
    after: sealedAuditJson('after'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('audit_agency_at').on(t.agencyId, t.at),
    // The history of one record: who changed or viewed it (reads are throttled by this lookup).
    index('audit_entity').on(t.agencyId, t.entity, t.entityId, t.at),
  ],
);

// Not per agency: a login happens before one is chosen, and a failed one may name nobody. Admins
// see the events of their agency's members (repo), the region administrator all of them.
export const authEvents = pgTable(
  'auth_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind').$type<AuthEventKind>().notNull(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    email: text('email'),
    reason: text('reason'),
    ip: text('ip').notNull(),
    userAgent: text('user_agent'),
    requestId: text('request_id').notNull(),
    // A denied access (ASVS 7.2.2): the agency the session acted for, the method, the route pattern.
    // Not named agency_id: the rows are not the agency's (a failed login has none), and the tenant
    // checks treat every agency_id table as agency data.
    agencyId: uuid('session_agency_id').references(() => agencies.id, { onDelete: 'set null' }),
    method: text('method'),
    route: text('route'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('auth_events_at').on(t.at), index('auth_events_user_at').on(t.userId, t.at)],
);
