import { afterAll, beforeAll } from 'vitest';
import { agencyIdOf, delivered } from './channel-accounts.js';
import { type FakeTelegram, startFakeTelegram } from './fake-telegram.js';
import { type FakeVk, startFakeVk } from './fake-vk.js';
import { agencyWithStaff, createHarness, type Harness, type StaffClient } from './harness.js';
import { connectBot, waitFor } from './telegram-accounts.js';

export interface ChannelFakes {
  harness: Harness;
  telegram: FakeTelegram;
  vk: FakeVk;
}

/**
 * For a test file whose bots and communities talk to the fake Bot API and the fake VK API on
 * loopback: starts both and a harness that retries sends at once and long-polls for a second
 * before the file's tests, and stops them after. The fields are set when the tests begin.
 */
export function channelFakesForFile(): ChannelFakes {
  const fakes = {} as ChannelFakes;
  beforeAll(async () => {
    fakes.telegram = await startFakeTelegram();
    fakes.vk = await startFakeVk();
    fakes.harness = await createHarness({ OUTBOX_RETRY_BASE_MS: '0', TELEGRAM_POLL_TIMEOUT_S: '1' });
  });
  afterAll(async () => {
    await fakes.harness.services.telegram.poller.stop();
    await fakes.harness.close();
    await fakes.telegram.close();
    await fakes.vk.close();
  });
  return fakes;
}

/** Pushes each update to the bot and waits until the harness's poller has confirmed them all. */
export async function deliverUpdates(fakes: ChannelFakes, token: string, updates: Record<string, unknown>[]) {
  let last = 0;
  for (const update of updates) last = fakes.telegram.pushUpdate(token, update);
  await fakes.harness.services.telegram.poller.refresh();
  await waitFor(() => fakes.telegram.confirmedOffset(token) > last, 10_000, 'updates confirmed');
}

/** A fresh agency, its administrator, and a consultation bot of it on the fake Bot API. */
export async function agencyWithConsultationBot(fakes: ChannelFakes) {
  const { slug, staff } = await agencyWithStaff(fakes.harness, ['admin']);
  const agencyId = await agencyIdOf(fakes.harness, slug);
  const bot = await connectBot(staff, fakes.telegram, { purpose: 'consultations' });
  return { agencyId, staff, bot };
}

/** Staff answers a social inbox item; once the outbox has sent it, what the bot sent with that text. */
export async function answerOnTelegram(
  fakes: ChannelFakes,
  staff: StaffClient,
  botToken: string,
  itemId: string,
  text: string,
) {
  const answered = await staff.request({
    method: 'POST',
    url: `/api/staff/social/${itemId}/answer`,
    payload: { text },
  });
  if (answered.statusCode !== 204) throw new Error(`answer: ${answered.statusCode} ${answered.body}`);
  const withText = () => fakes.telegram.sent(botToken).filter((m) => m.text === text);
  await delivered(fakes.harness, () => withText().length > 0);
  return withText();
}

/** Staff registers a social inbox item as a request; its number and, once sent, the bot's acknowledgement(s) naming it. */
export async function convertOnTelegram(
  fakes: ChannelFakes,
  staff: StaffClient,
  botToken: string,
  itemId: string,
) {
  const converted = await staff.request({ method: 'POST', url: `/api/staff/social/${itemId}/convert` });
  if (converted.statusCode !== 200) throw new Error(`convert: ${converted.statusCode} ${converted.body}`);
  const { number } = converted.json<{ number: string }>();
  const naming = () => fakes.telegram.sent(botToken).filter((m) => m.text.includes(number));
  await delivered(fakes.harness, () => naming().length > 0);
  return { number, acknowledgements: naming() };
}
