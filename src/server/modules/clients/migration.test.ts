import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../db/migrate.js';
import { emptyDatabaseForFile, migrateUpTo } from '../../testing/migrations.js';

// The hand-written part of migration 0005 (drizzle-kit cannot express a data copy): clients
// created before it keep their e-mail and phone as contacts, and portal requests their consent.
const empty = emptyDatabaseForFile();
const { rows } = empty;

describe('migration 0005 (clients history)', () => {
  it('turns the single e-mail and phone columns into normalised contacts and records past consents', async () => {
    await migrateUpTo(empty.database, '_requests_registry'); // 0000–0003: the schema as it was
    const [agency] = await rows<{
      id: string;
    }>(sql`insert into agencies (slug, name, short_name, timezone, working_hours)
      values ('old', 'Старое ведомство', 'Старое', 'Asia/Novosibirsk', '{}'::jsonb) returning id`);
    const [client] = await rows<{ id: string }>(sql`insert into clients (agency_id, name, email, phone)
      values (${agency?.id}, 'Иванов', 'Ivanov@Mail.ru', '8 (913) 111-22-33') returning id`);
    await empty.database.db.execute(
      sql`insert into clients (agency_id, name) values (${agency?.id}, 'Без контактов')`,
    );
    await empty.database.db.execute(sql`insert into requests (agency_id, number, kind, channel, status, text, client_id,
      contact_name, tracking_code, received_at, due_at, due_source)
      values (${agency?.id}, '2025-00001', 'appeal', 'portal', 'closed', 'Текст', ${client?.id}, 'Иванов', 'ABC',
        '2025-03-01T10:00:00Z', '2025-03-31T16:59:59Z', '59-ФЗ')`);

    await migrate(empty.database);

    // Still in the clear here: the key is outside the empty.database, so the startup backfill seals
    // these rows (db/field-backfill.test.ts), not a migration.
    const contacts = await rows<{ kind: string; value: string; normalized: string; source: string }>(
      sql`select kind, value, value_index as normalized, source from client_contacts order by kind`,
    );
    expect(contacts).toEqual([
      { kind: 'email', value: 'Ivanov@Mail.ru', normalized: 'ivanov@mail.ru', source: 'migration' },
      { kind: 'phone', value: '8 (913) 111-22-33', normalized: '79131112233', source: 'migration' },
    ]);
    const consents = await rows<{ client_id: string; purpose: string; at: Date | string }>(
      sql`select client_id, purpose, at from client_consent_events`,
    );
    expect(consents).toHaveLength(1);
    expect(consents[0]).toMatchObject({ client_id: client?.id, purpose: 'personal_data' });
    expect(new Date(consents[0]?.at ?? 0).toISOString()).toBe('2025-03-01T10:00:00.000Z');
    const columns = await rows<{ column_name: string }>(
      sql`select column_name from information_schema.columns where table_name = 'clients'`,
    );
    expect(columns.map((c) => c.column_name)).not.toContain('email');
  });
});
