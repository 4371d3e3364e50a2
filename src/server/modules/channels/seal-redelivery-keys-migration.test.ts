import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { sealContactFields } from '../../db/field-backfill.js';
import { migrate } from '../../db/migrate.js';
import { createFieldCrypto } from '../../lib/field-crypto.js';
import { emptyDatabaseForFile, migrateUpTo } from '../../testing/migrations.js';

// The hand-written part of the seal_redelivery_keys migration: old items and requests keep
// recognising a redelivery until the startup backfill seals their keys and writes the blind indexes.
const empty = emptyDatabaseForFile();
const { rows } = empty;

describe('migration seal_redelivery_keys', () => {
  it('indexes items by their ids, copies network message keys aside, and the backfill seals them', async () => {
    await migrateUpTo(empty.database, '_seal_redelivery_keys');
    const [agency] = await rows<{ id: string }>(sql`insert into agencies (slug, name, short_name, timezone,
        working_hours) values ('old', 'Старое ведомство', 'Старое', 'Asia/Novosibirsk', '{}'::jsonb) returning id`);
    await empty.database.db.execute(sql`insert into social_items (agency_id, network, kind, external_id, thread_id,
        thread_index, author_id, author_index, author_name, text, received_at)
      values (${agency?.id}, 'telegram', 'message', '8301:15', '8301', '8301', '8301', '8301', 'Мария', 'Вопрос', now())`);
    const keys = [
      'telegram:8301:16',
      'vk:2000000001:7',
      'ok:mid.77',
      'pos:4410',
      'portal-key-0001',
      'redirect:x',
    ];
    for (const [i, key] of keys.entries()) {
      await empty.database.db.execute(sql`insert into requests (agency_id, number, kind, channel, status, text,
          contact_name, tracking_code, received_at, due_at, due_source, idempotency_key)
        values (${agency?.id}, ${`2025-0000${i + 1}`}, 'appeal', 'email', 'closed', 'Текст', 'Иванов', 'ABC',
          '2025-03-01T10:00:00Z', '2025-03-31T16:59:59Z', '59-ФЗ', ${key})`);
    }

    await migrate(empty.database);

    const [item] = await rows<{ external_index: string }>(sql`select external_index from social_items`);
    expect(item).toEqual({ external_index: '8301:15' });
    const copied = await rows<{ idempotency_key: string; channel_message_key: string | null }>(
      sql`select idempotency_key, channel_message_key from requests order by number`,
    );
    expect(copied.map((r) => r.channel_message_key)).toEqual([
      'telegram:8301:16',
      'vk:2000000001:7',
      'ok:mid.77',
      null,
      null,
      null,
    ]);
    expect(copied.map((r) => r.idempotency_key)).toEqual(keys);

    const secret = randomBytes(32);
    const crypto = createFieldCrypto(secret);
    await sealContactFields(empty.database.db, crypto);
    const [sealed] = await rows<{ external_id: string; external_index: string }>(
      sql`select external_id, external_index from social_items`,
    );
    expect(crypto.open(sealed?.external_id as string)).toBe('8301:15');
    expect(sealed?.external_id).not.toContain('8301');
    expect(sealed?.external_index).toBe(crypto.blindIndex('8301:15'));
    const requests = await rows<{ idempotency_key: string; channel_message_key: string | null }>(
      sql`select idempotency_key, channel_message_key from requests order by number`,
    );
    expect(requests.map((r) => r.idempotency_key)).toEqual([
      `telegram:${crypto.blindIndex('telegram:8301:16')}`,
      `vk:${crypto.blindIndex('vk:2000000001:7')}`,
      `ok:${crypto.blindIndex('ok:mid.77')}`,
      'pos:4410',
      'portal-key-0001',
      'redirect:x',
    ]);
    expect(requests.slice(0, 3).map((r) => crypto.open(r.channel_message_key as string))).toEqual(
      keys.slice(0, 3),
    );
    for (const request of requests) expect(request.idempotency_key).not.toContain('8301');

    // A key rotation: the sealed copy lets the backfill index the keys again under the new key.
    const rotated = createFieldCrypto(randomBytes(32), [secret]);
    await sealContactFields(empty.database.db, rotated);
    const [reindexed] = await rows<{ idempotency_key: string; channel_message_key: string }>(
      sql`select idempotency_key, channel_message_key from requests order by number limit 1`,
    );
    expect(reindexed?.idempotency_key).toBe(`telegram:${rotated.blindIndex('telegram:8301:16')}`);
    expect(reindexed?.idempotency_key).not.toBe(requests[0]?.idempotency_key);
    expect(rotated.open(reindexed?.channel_message_key as string)).toBe('telegram:8301:16');
  });
});
