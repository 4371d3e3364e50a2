import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { ParsedMail } from 'mailparser';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthEvent } from '../../../common/auth-events.js';
import { agencyWithStaff, createHarness, type Harness, uniqueEmail } from '../../testing/harness.js';
import { type SmtpSink, startSmtpSink } from '../../testing/smtp-sink.js';
import { recipientIndexOf } from '../channels/outbox.repo.js';
import { outboundMessages } from '../channels/schema.js';
import { findUserByEmail, updateUser } from './repo.js';

// ASVS 2.2.3 and the new-device notice, through the outbox to a real SMTP relay on loopback.
let harness: Harness;
let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
  harness = await createHarness({ SMTP_URL: sink.url, OUTBOX_MAX_ATTEMPTS: '1' });
});
afterAll(async () => {
  await harness.close();
  await sink.close();
});

const CHROME_WINDOWS =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const FIREFOX_LINUX = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';
const NEW_DEVICE_SUBJECT = 'Вход в Отклик с нового устройства';
const recipientOf = (mail: ParsedMail) => (mail.to && !Array.isArray(mail.to) ? mail.to.text : '');

/** What the relay received while `action` ran, delivered by the outbox. */
async function mailsDuring(action: () => Promise<unknown>): Promise<ParsedMail[]> {
  await harness.services.outbox.drain();
  const before = sink.received.length;
  await action();
  await harness.services.outbox.drain();
  return sink.received.slice(before);
}

function signIn(email: string, password: string, ip: string, userAgent: string, code?: string) {
  return harness.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: code ? { email, password, code } : { email, password },
    remoteAddress: ip,
    headers: { 'user-agent': userAgent, 'x-request-id': `test-${randomUUID()}` },
  });
}

/** «HH:MM» on the Novosibirsk clock (UTC+7, no daylight saving) of an instant. */
const novosibirskClock = (instant: number) => new Date(instant + 7 * 3_600_000).toISOString().slice(11, 16);

async function authEventsOf(userId: string, kind: string): Promise<AuthEvent[]> {
  const page = await harness.services.authEvents.list(
    { userId: randomUUID(), agencyId: randomUUID(), roles: ['admin'], isRegionAdmin: true },
    { kind: kind as AuthEvent['kind'], pageSize: 100 },
  );
  return page.items.filter((event) => event.user?.id === userId);
}

describe('sign-in from a new device or network', () => {
  it('mails the person once with the zone-local time, address and browser; not again from the same device and network', async () => {
    const { email, password, userId } = await agencyWithStaff(harness);
    const before = Date.now();
    let status = 0;
    const mails = await mailsDuring(async () => {
      status = (await signIn(email, password, '203.0.113.7', CHROME_WINDOWS)).statusCode;
    });
    const after = Date.now();
    expect(status).toBe(200);
    expect(mails.map(recipientOf)).toEqual([email]);
    const [mail] = mails;
    expect(mail?.subject).toBe(NEW_DEVICE_SUBJECT);
    expect(mail?.text).toContain('IP-адрес: 203.0.113.7');
    expect(mail?.text).toContain('Браузер и система: Chrome, Windows');
    expect(mail?.text).toContain('(GMT+7)');
    const clocks = [novosibirskClock(before), novosibirskClock(after)];
    expect(clocks.some((clock) => mail?.text?.includes(`в ${clock}`))).toBe(true);
    expect(mail?.text).toContain('/console/forgot-password');
    expect(mail?.text).toContain('«Входы и сессии»');
    expect(await authEventsOf(userId, 'new_device_notice')).toMatchObject([
      { ip: '203.0.113.7', reason: 'Chrome, Windows' },
    ]);

    // Another address of the same /24, a newer version of the same browser: the same device.
    const again = await mailsDuring(() =>
      signIn(email, password, '203.0.113.99', CHROME_WINDOWS.replace('131.0.0.0', '140.0.0.0')),
    );
    expect(again).toEqual([]);
    // The same network with another browser is new again.
    const otherBrowser = await mailsDuring(() => signIn(email, password, '203.0.113.7', FIREFOX_LINUX));
    expect(otherBrowser.map((m) => [recipientOf(m), m.subject])).toEqual([[email, NEW_DEVICE_SUBJECT]]);
  });

  it('sends nothing on the first sign-in of an invited account', async () => {
    const { staff } = await agencyWithStaff(harness);
    const email = uniqueEmail('invited');
    const invitation = await mailsDuring(() =>
      staff.request({
        method: 'POST',
        url: '/api/staff/users',
        payload: { email, name: 'Петрова Анна', roles: ['operator'], departmentIds: [] },
      }),
    );
    const token = invitation[0]?.text?.match(/reset-password\?token=([A-Za-z0-9_-]+)/)?.[1];
    expect(token).toBeTruthy();
    const firstSteps = await mailsDuring(async () => {
      const confirm = await harness.app.inject({
        method: 'POST',
        url: '/api/auth/password-reset/confirm',
        payload: { token, password: 'invited user passphrase' },
      });
      expect(confirm.statusCode).toBe(204);
      const first = await signIn(email, 'invited user passphrase', '198.51.100.20', CHROME_WINDOWS);
      expect(first.statusCode).toBe(200);
    });
    // Neither «password changed» for the first password nor «new device» for the first sign-in.
    expect(firstSteps).toEqual([]);
  });

  it('lets the person in when the relay refuses the letter, which is then marked failed', async () => {
    const { email, password } = await agencyWithStaff(harness);
    await harness.services.outbox.drain();
    sink.failNext(550);
    const response = await signIn(email, password, '192.0.2.77', FIREFOX_LINUX);
    expect(response.statusCode).toBe(200);
    await harness.services.outbox.drain();
    const rows = await harness.services.database.db
      .select()
      .from(outboundMessages)
      .where(eq(outboundMessages.recipientIndex, recipientIndexOf(email)));
    expect(rows).toMatchObject([{ subject: NEW_DEVICE_SUBJECT, status: 'failed' }]);
    const cookie = response.cookies.find((c) => c.name === 'otklik_session');
    const session = await harness.app.inject({
      method: 'GET',
      url: '/api/auth/session',
      headers: { cookie: `otklik_session=${cookie?.value}` },
    });
    expect(session.statusCode).toBe(200);
    expect(session.json().user.email).toBe(email);
  });
});

const codeOf = (secret: string) => TOTP.generate({ secret: Secret.fromBase32(secret) });

describe('letters after a change of credentials (ASVS 2.2.3)', () => {
  it('tells the person their password was reset, and no one else', async () => {
    const { email } = await agencyWithStaff(harness);
    const other = await agencyWithStaff(harness);
    const mails = await mailsDuring(async () => {
      await harness.app.inject({ method: 'POST', url: '/api/auth/password-reset', payload: { email } });
      await harness.services.outbox.drain();
      const link = sink.received.at(-1)?.text ?? '';
      const token = link.match(/reset-password\?token=([A-Za-z0-9_-]+)/)?.[1];
      const confirm = await harness.app.inject({
        method: 'POST',
        url: '/api/auth/password-reset/confirm',
        payload: { token, password: 'совсем новый пароль' },
      });
      expect(confirm.statusCode).toBe(204);
    });
    expect(mails.map((m) => [recipientOf(m), m.subject])).toEqual([
      [email, 'Отклик: восстановление пароля'],
      [email, 'Отклик: пароль изменён'],
    ]);
    const notice = mails[1]?.text ?? '';
    expect(notice).toContain('изменён пароль');
    expect(notice).toContain('(GMT+7)');
    expect(notice).not.toContain('совсем новый пароль');
    expect(notice).not.toMatch(/token=/);
    expect(mails.some((m) => recipientOf(m) === other.email)).toBe(false);
  });

  it('tells the person when they turn two-factor on and off, and when an administrator resets it', async () => {
    const admin = await agencyWithStaff(harness);
    const { email, password, userId, staff } = await agencyWithStaff(harness, ['operator']);
    let secret = '';
    let recoveryCodes: string[] = [];
    const enabled = await mailsDuring(async () => {
      secret = (await staff.request({ method: 'POST', url: '/api/auth/two-factor/setup' })).json().secret;
      const confirm = await staff.request({
        method: 'POST',
        url: '/api/auth/two-factor/confirm',
        payload: { code: codeOf(secret) },
      });
      expect(confirm.statusCode).toBe(200);
      recoveryCodes = confirm.json().recoveryCodes;
    });
    expect(enabled.map((m) => [recipientOf(m), m.subject])).toEqual([
      [email, 'Отклик: двухфакторная аутентификация включена'],
    ]);
    expect(enabled[0]?.text).not.toContain(secret);
    expect(recoveryCodes.some((code) => enabled[0]?.text?.includes(code))).toBe(false);

    const disabled = await mailsDuring(async () => {
      const response = await staff.request({
        method: 'POST',
        url: '/api/auth/two-factor/disable',
        payload: { password, code: recoveryCodes[0] },
      });
      expect(response.statusCode).toBe(204);
    });
    expect(disabled.map((m) => [recipientOf(m), m.subject])).toEqual([
      [email, 'Отклик: двухфакторная аутентификация отключена'],
    ]);

    // The administrator resets the second factor of a member of their own agency.
    const member = await admin.staff.request({
      method: 'POST',
      url: '/api/staff/users',
      payload: { email, name: 'Сотрудник', roles: ['operator'], departmentIds: [] },
    });
    expect(member.statusCode).toBe(201);
    await staff.request({ method: 'POST', url: '/api/auth/two-factor/setup' }).then(async (setup) => {
      const confirm = await staff.request({
        method: 'POST',
        url: '/api/auth/two-factor/confirm',
        payload: { code: codeOf(setup.json().secret) },
      });
      expect(confirm.statusCode).toBe(200);
    });
    const reset = await mailsDuring(async () => {
      const response = await admin.staff.request({
        method: 'POST',
        url: `/api/staff/users/${userId}/two-factor/reset`,
      });
      expect(response.statusCode).toBe(204);
    });
    expect(reset.map((m) => [recipientOf(m), m.subject])).toEqual([
      [email, 'Отклик: администратор сбросил двухфакторную аутентификацию'],
    ]);
    expect(reset.some((m) => recipientOf(m) === admin.email)).toBe(false);
  });

  it('sends nothing when the change is refused', async () => {
    const { staff } = await agencyWithStaff(harness);
    const mails = await mailsDuring(async () => {
      const setup = await staff.request({ method: 'POST', url: '/api/auth/two-factor/setup' });
      const stale = TOTP.generate({
        secret: Secret.fromBase32(setup.json().secret),
        timestamp: Date.now() - 10 * 60_000,
      });
      const wrong = await staff.request({
        method: 'POST',
        url: '/api/auth/two-factor/confirm',
        payload: { code: stale },
      });
      expect(wrong.statusCode).toBe(400);
    });
    expect(mails).toEqual([]);
  });
});

describe('a run of wrong passwords (ASVS 2.2.2)', () => {
  const LOCKED_SUBJECT = 'Отклик: вход заблокирован после неверных паролей';

  it('tells the owner once, when the account is first locked, with the address the guesses came from', async () => {
    const { email, password } = await agencyWithStaff(harness);
    const other = await agencyWithStaff(harness);
    const statuses: number[] = [];
    const firstFour = await mailsDuring(async () => {
      for (let attempt = 0; attempt < 4; attempt++) {
        statuses.push((await signIn(email, 'не тот пароль', '198.51.100.23', FIREFOX_LINUX)).statusCode);
      }
    });
    expect(statuses).toEqual([401, 401, 401, 401]);
    expect(firstFour).toEqual([]);

    const fifth = await mailsDuring(() => signIn(email, 'не тот пароль', '198.51.100.23', FIREFOX_LINUX));
    expect(fifth.map((m) => [recipientOf(m), m.subject])).toEqual([[email, LOCKED_SUBJECT]]);
    const text = fifth[0]?.text ?? '';
    expect(text).toContain('заблокирован на 1 мин.');
    expect(text).toContain('с IP-адреса 198.51.100.23');
    expect(text).toContain('(GMT+7)');
    expect(text).toContain('/console/forgot-password');
    expect(text).not.toContain('не тот пароль');
    expect(text).not.toContain(password);

    // Guesses while locked, and the doubled lock once the first has run out, send nothing more.
    const db = harness.services.database.db;
    const later = await mailsDuring(async () => {
      expect((await signIn(email, 'не тот пароль', '198.51.100.23', FIREFOX_LINUX)).statusCode).toBe(429);
      const user = await findUserByEmail(db, email);
      await updateUser(db, user?.id ?? '', { lockedUntil: new Date(Date.now() - 1000) });
      await signIn(email, 'не тот пароль', '198.51.100.23', FIREFOX_LINUX);
      expect((await findUserByEmail(db, email))?.lockedUntil?.getTime()).toBeGreaterThan(Date.now() + 60_000);
    });
    expect(later).toEqual([]);
    expect(fifth.some((m) => recipientOf(m) === other.email)).toBe(false);
  });

  it('sends nothing for guesses at an address that has no account', async () => {
    const mails = await mailsDuring(async () => {
      for (let attempt = 0; attempt < 6; attempt++) {
        await signIn(uniqueEmail(), 'не тот пароль', '198.51.100.24', FIREFOX_LINUX);
      }
    });
    expect(mails).toEqual([]);
  });
});
