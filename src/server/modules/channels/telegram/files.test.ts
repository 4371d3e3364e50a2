import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeTelegram, startFakeTelegram } from '../../../testing/fake-telegram.js';
import { agencyWithStaff, createHarness, type Harness } from '../../../testing/harness.js';
import { connectBot, privateMessage } from '../../../testing/telegram-accounts.js';
import { requestAttachments, requests } from '../../requests/schema.js';

describe('Telegram attachments within the portal rules', () => {
  let harness: Harness;
  let fake: FakeTelegram;

  beforeAll(async () => {
    fake = await startFakeTelegram();
    harness = await createHarness({ ATTACHMENT_MAX_BYTES: '2048' });
  });
  afterAll(async () => {
    await harness.close();
    await fake.close();
  });

  async function newBot() {
    const { slug, staff } = await agencyWithStaff(harness, ['admin']);
    const agencyId = (await harness.services.agencies.findBySlug(slug))?.id as string;
    const bot = await connectBot(staff, fake);
    const account = await harness.services.channelAccounts.openById(bot.accountId);
    if (!account) throw new Error('no account');
    return { agencyId, bot, account };
  }

  const document = (fileId: string, name: string, size?: number) => ({
    document: { file_id: fileId, file_unique_id: `u-${fileId}`, file_name: name, file_size: size },
  });

  it('keeps a document that fits, refuses one too large or of a forbidden type with a note', async () => {
    const { agencyId, bot, account } = await newBot();
    const text = Buffer.from('Акт осмотра территории\n');
    const accepted = fake.addFile(bot.token, text, 'documents/file_1.txt');
    // The size Telegram announces is missing: the download itself is cut at the limit.
    const large = fake.addFile(bot.token, Buffer.alloc(4096, 'a'), 'documents/file_2.txt');
    const program = fake.addFile(
      bot.token,
      Buffer.from('MZ\x90\x00\x03\x00\x00\x00'),
      'documents/file_3.exe',
    );
    const inbound = harness.services.telegram.inbound;
    for (const [index, extra] of [
      document(accepted, 'акт.txt', text.length),
      document(large, 'большой.txt'),
      document(program, 'программа.exe', 8),
      document(large, 'заявлено-большим.txt', 10_000_000),
    ].entries()) {
      const update = privateMessage(8301, '', { text: undefined, caption: `Документ ${index}`, ...extra });
      await inbound.handle(account, { update_id: 1 + index, ...update } as never);
    }

    const rows = await harness.services.database.db
      .select()
      .from(requests)
      .where(eq(requests.agencyId, agencyId));
    const byText = (start: string) => rows.find((row) => row.text.startsWith(start));
    expect(byText('Документ 1')?.text).toContain('Файл «большой.txt» не принят: больше');
    expect(byText('Документ 2')?.text).toContain('Файл «программа.exe» не принят: такой тип не принимается');
    expect(byText('Документ 3')?.text).toContain('Файл «заявлено-большим.txt» не принят: больше');
    const files = await harness.services.database.db
      .select()
      .from(requestAttachments)
      .where(eq(requestAttachments.agencyId, agencyId));
    expect(files).toMatchObject([
      { originalName: 'акт.txt', mimeType: 'text/plain', requestId: byText('Документ 0')?.id },
    ]);
  });
});
