import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { sealContactFields } from '../../db/field-backfill.js';
import { migrate } from '../../db/migrate.js';
import { createFieldCrypto } from '../../lib/field-crypto.js';
import { emptyDatabaseForFile, migrateUpTo } from '../../testing/migrations.js';

// The hand-written part of the seal_network_ids migration: old social items keep matching by
// their ids until the startup backfill writes the blind indexes, and old bounce notes lose the address.
const empty = emptyDatabaseForFile();
const { rows } = empty;

describe('migration seal_network_ids', () => {
  it('fills the index columns with the ids, drops the address from bounce notes, and the backfill seals the rest', async () => {
    await migrateUpTo(empty.database, '_seal_network_ids');
    const [agency] = await rows<{ id: string }>(sql`insert into agencies (slug, name, short_name, timezone,
        working_hours) values ('old', 'Старое ведомство', 'Старое', 'Asia/Novosibirsk', '{}'::jsonb) returning id`);
    await empty.database.db.execute(sql`insert into social_items (agency_id, network, kind, external_id, thread_id,
        author_id, author_name, text, received_at)
      values (${agency?.id}, 'telegram', 'message', '8301:15', '8301', '8301', 'Мария', 'Вопрос', now())`);
    const [request] = await rows<{ id: string }>(sql`insert into requests (agency_id, number, kind, channel,
        status, text, contact_name, tracking_code, received_at, due_at, due_source)
      values (${agency?.id}, '2025-00001', 'appeal', 'email', 'closed', 'Текст', 'Иванов', 'ABC',
        '2025-03-01T10:00:00Z', '2025-03-31T16:59:59Z', '59-ФЗ') returning id`);
    const otherNote = 'Ответ отправлен на ivanov@mail.ru по просьбе заявителя';
    await empty.database.db.execute(sql`insert into request_events (agency_id, request_id, status, note, is_public)
      values (${agency?.id}, ${request?.id}, 'closed',
        'Письмо на Ivanov.Petr@mail.ru не доставлено — адрес недоступен: smtp; 550 5.1.1 <Ivanov.Petr@mail.ru>: User unknown',
        false),
        (${agency?.id}, ${request?.id}, 'closed', ${otherNote}, false)`);

    await migrate(empty.database);

    const [item] = await rows<{ thread_index: string; author_index: string }>(
      sql`select thread_index, author_index from social_items`,
    );
    expect(item).toEqual({ thread_index: '8301', author_index: '8301' });
    const notes = await rows<{ note: string }>(sql`select note from request_events order by id`);
    expect(notes.map((n) => n.note)).toEqual([
      'Письмо на адрес получателя не доставлено — адрес недоступен: smtp; 550 5.1.1 <адрес получателя>: User unknown',
      // Only bounce notes are rewritten: staff's own notes are theirs.
      otherNote,
    ]);

    const crypto = createFieldCrypto(randomBytes(32));
    await sealContactFields(empty.database.db, crypto);
    const [sealed] = await rows<{ thread_id: string; thread_index: string; author_index: string }>(
      sql`select thread_id, thread_index, author_index from social_items`,
    );
    expect(crypto.open(sealed?.thread_id as string)).toBe('8301');
    expect(sealed?.thread_id).not.toContain('8301');
    expect(sealed?.thread_index).toBe(crypto.blindIndex('8301'));
    expect(sealed?.author_index).toBe(crypto.blindIndex('8301'));
  });
});
