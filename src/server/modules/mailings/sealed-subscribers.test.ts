import { eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldCrypto } from '../../lib/field-crypto.js';
import { type Harness, uniqueEmail } from '../../testing/harness.js';
import { subscribe } from '../../testing/mailings.js';
import {
  agencyWithSubscribers,
  draftCampaign,
  harnessWithSink,
  mailsTo,
  sendNow,
} from '../../testing/mailings-sink.js';
import { SEALED } from '../../testing/sealed-fields.js';
import type { SmtpSink } from '../../testing/smtp-sink.js';
import { rowsOf } from '../../testing/surveys.js';
import { type ClaimedRecipient, claimDue, handOver, markAbandoned } from './campaigns.repo.js';
import { mailingRecipients } from './schema.js';

// Issue 12 p. 5: a subscriber's address is sealed at rest; every lookup goes through its blind index.
let harness: Harness;
let sink: SmtpSink;
beforeAll(async () => {
  ({ harness, sink } = await harnessWithSink());
});
afterAll(async () => {
  await harness.close();
  await sink.close();
});

const FIRST = 'kuznetsova.olga@example.ru';
const SECOND = 'ivanov.sergei@example.ru';

describe('mailing subscribers at rest', () => {
  it('keeps no subscriber, recipient or consent-ledger address in the clear through subscription, a repeated one and a campaign, and still mails and shows it', async () => {
    const { slug, staff } = await agencyWithSubscribers(harness, sink, [FIRST, SECOND]);
    const agencyId = await harness.services.agencies.idBySlug(slug);
    // The same address again (another case) finds the subscriber instead of a second row.
    expect((await subscribe(harness, slug, { email: FIRST.toUpperCase() })).statusCode).toBe(202);
    const campaign = await draftCampaign(staff, { subject: 'Запечатанные адреса' });
    await sendNow(staff, campaign.id);
    await harness.services.campaignSender.drain();
    for (const address of [FIRST, SECOND]) {
      expect(mailsTo(sink, address).filter((m) => m.subject === 'Запечатанные адреса')).toHaveLength(1);
    }

    const stored = await rowsOf<{ row: string }>(
      harness,
      sql`select row_to_json(t)::text as row from mailing_subscribers t where agency_id = ${agencyId}
          union all select row_to_json(t)::text from mailing_recipients t where agency_id = ${agencyId}
          union all select row_to_json(t)::text from mailing_consent_events t where agency_id = ${agencyId}`,
    );
    // Two subscribers, two recipients, and the ledger: given and confirmed for each, given again.
    expect(stored).toHaveLength(9);
    for (const { row } of stored) {
      for (const plain of ['kuznetsova', 'ivanov.sergei']) expect(row.toLowerCase()).not.toContain(plain);
    }
    const subscribers = await rowsOf<{ email: string; email_index: string }>(
      harness,
      sql`select email, email_index from mailing_subscribers where agency_id = ${agencyId}`,
    );
    expect(subscribers.map((s) => s.email_index).sort()).toEqual(
      [fieldCrypto().blindIndex(FIRST), fieldCrypto().blindIndex(SECOND)].sort(),
    );
    for (const s of subscribers) expect(s.email).toMatch(SEALED);

    const search = async (q: string) =>
      (await staff.request({ url: `/api/staff/mailings/subscribers?q=${encodeURIComponent(q)}` })).json()
        .items as { id: string; email: string }[];
    expect((await search(` ${FIRST.toUpperCase()} `)).map((s) => s.email)).toEqual([FIRST]);
    expect(await search('kuznetsova')).toEqual([]);

    // The ledger opens its sealed addresses for staff: the subscriber's history and the export.
    const [first] = await search(FIRST);
    const history = (
      await staff.request({ url: `/api/staff/mailings/subscribers/${first?.id}/consents` })
    ).json() as { email: string; event: string }[];
    expect(history.map((e) => [e.event, e.email])).toEqual([
      ['given', FIRST],
      ['confirmed', FIRST],
      ['given', FIRST],
    ]);
    const exported = await staff.request({ url: '/api/staff/mailings/consents/export.xlsx' });
    expect(exported.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Журнал согласий');
    expect(sheet?.rowCount).toBe(6); // the header and the five events
    const addresses = [2, 3, 4, 5, 6].map((n) => sheet?.getRow(n).getCell(2).text);
    expect(addresses.sort()).toEqual([FIRST, FIRST, FIRST, SECOND, SECOND].sort());
  });

  it('seals why a recipient got no e-mail, whether the relay, the hand-over or the abandonment wrote it, and opens it on reading', async () => {
    const [revoked, abandoned, refused] = ['revoked', 'abandoned', 'refused'].map((p) => uniqueEmail(p)) as [
      string,
      string,
      string,
    ];
    const { staff } = await agencyWithSubscribers(harness, sink, [revoked, abandoned, refused]);
    const campaign = await draftCampaign(staff, { subject: 'Причины недоставки' });
    await sendNow(staff, campaign.id);
    const db = harness.services.database.db;
    // A node claims all three (its lease already over); one subscriber revokes before the hand-over,
    // the node hands the other to SMTP and dies; the third, only claimed, goes back to the queue.
    const claimed = await claimDue(db, new Date(), 3, -1000);
    const claimOf = (email: string) => claimed.find((r) => r.email === email) as ClaimedRecipient;
    await db.execute(sql`update mailing_subscribers set status = 'revoked', revoked_at = now()
      where email_index = ${fieldCrypto().blindIndex(revoked)}`);
    expect(await handOver(db, [], [claimOf(revoked), claimOf(abandoned)])).toEqual(
      new Set([claimOf(abandoned).id]),
    );
    await markAbandoned(db, new Date());
    // The relay refuses the third for good, quoting its address.
    sink.failNext(550);
    await harness.services.campaignSender.drain();

    const stored = await rowsOf<{ last_error: string }>(
      harness,
      sql`select last_error from mailing_recipients where campaign_id = ${campaign.id}`,
    );
    expect(stored).toHaveLength(3);
    for (const { last_error } of stored) {
      expect(last_error).toMatch(SEALED);
      expect(last_error).not.toContain('@');
    }
    const read = await db
      .select({ email: mailingRecipients.email, lastError: mailingRecipients.lastError })
      .from(mailingRecipients)
      .where(eq(mailingRecipients.campaignId, campaign.id));
    expect(Object.fromEntries(read.map((r) => [r.email, r.lastError]))).toEqual({
      [revoked]: 'Согласие отозвано или темы изменены до отправки',
      [abandoned]: 'Отправка прервалась (узел остановился): письмо могло уйти, повторно не отправляется',
      [refused]: expect.stringContaining(`<${refused}>: mailbox unavailable`),
    });
  });
});
