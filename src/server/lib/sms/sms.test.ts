import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { type FakeSmsGateway, startFakeSmsGateway } from '../../testing/fake-sms-gateway.js';
import { DomainError } from '../errors.js';
import { createHttpSmsGateway, createLogSmsGateway, SmsRejected } from './gateway.js';
import { isRussianMobile, requireE164, toE164 } from './phone.js';
import { firstThatFits, MAX_SMS_SEGMENTS, measureSms } from './segments.js';

describe('Russian phone numbers to E.164', () => {
  it('understands the ways people write them', () => {
    for (const written of [
      '+7 913 123-45-67',
      '8 (913) 123-45-67',
      '89131234567',
      '9131234567',
      '+7(913)1234567',
    ])
      expect(toE164(written), written).toBe('+79131234567');
    expect(toE164('8 383 222-33-44')).toBe('+73832223344');
  });

  it('refuses what is not a number, with a Russian message naming the field', () => {
    for (const bad of ['123', '+7 913 12', 'телефон', '8913123456789012', '+7 913 123-45-67; drop', ''])
      expect(toE164(bad), bad).toBeNull();
    try {
      requireE164('12345', 'body.phone');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).field).toBe('body.phone');
      expect((error as DomainError).message).toMatch(/Номер телефона не распознан.*\+7/);
    }
  });

  it('sends SMS only to Russian mobiles', () => {
    expect(isRussianMobile('+79131234567')).toBe(true);
    expect(isRussianMobile('+73832223344')).toBe(false); // a Novosibirsk landline
    expect(isRussianMobile('+77011234567')).toBe(false); // Kazakhstan shares +7
    expect(isRussianMobile('+12025550143')).toBe(false);
  });
});

describe('SMS length', () => {
  it('counts GSM-7 at 160, then 153 per part; the extension characters take two', () => {
    expect(measureSms('a'.repeat(160))).toEqual({ encoding: 'gsm7', units: 160, segments: 1 });
    expect(measureSms('a'.repeat(161)).segments).toBe(2);
    expect(measureSms('a'.repeat(306)).segments).toBe(2);
    expect(measureSms('a'.repeat(307)).segments).toBe(3);
    expect(measureSms(`${'a'.repeat(159)}€`)).toEqual({ encoding: 'gsm7', units: 161, segments: 2 });
  });

  it('counts Cyrillic as UCS-2 at 70, then 67 per part', () => {
    expect(measureSms('я'.repeat(70))).toEqual({ encoding: 'ucs2', units: 70, segments: 1 });
    expect(measureSms(`${'a'.repeat(70)}я`).segments).toBe(2);
    expect(measureSms('я'.repeat(134)).segments).toBe(2);
    expect(measureSms('я'.repeat(135)).segments).toBe(3);
  });

  it('never undercounts: a text of n parts needs more than n−1 parts’ room', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'я', '€', ' ', '1'), maxLength: 700 }), (text) => {
        const { encoding, units, segments } = measureSms(text);
        const [single, part] = encoding === 'gsm7' ? [160, 153] : [70, 67];
        expect(units <= (segments === 1 ? single : segments * part)).toBe(true);
        if (segments > 1) expect(units > (segments === 2 ? single : (segments - 1) * part)).toBe(true);
      }),
    );
  });

  it('picks the fullest text that fits the cap', () => {
    const long = 'я'.repeat(67 * MAX_SMS_SEGMENTS + 1);
    expect(firstThatFits([long, 'коротко'])).toBe('коротко');
    expect(firstThatFits([long])).toBeNull();
  });
});

describe('HTTP gateway', () => {
  let fake: FakeSmsGateway;
  beforeAll(async () => {
    fake = await startFakeSmsGateway();
  });
  afterAll(() => fake.close());
  const gateway = () => createHttpSmsGateway({ url: fake.url, token: 'secret-token', timeoutMs: 300 });
  const message = { id: 'm-1', to: '+79131234567', text: 'Проверка' };

  it('POSTs {to, text, id} with the bearer token and keeps the gateway’s id', async () => {
    const result = await gateway().send(message);
    expect(result.externalId).toMatch(/^gw-\d+$/);
    expect(fake.requests.at(-1)).toEqual({ ...message, authorization: 'Bearer secret-token' });
  });

  it('fails retryably on 5xx, 429 and a timeout, for good on other 4xx', async () => {
    fake.queue({ status: 503 }, { status: 429 }, { hangMs: 2000 }, { status: 400 });
    for (let i = 0; i < 3; i++) {
      const error = await gateway()
        .send(message)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(SmsRejected);
    }
    await expect(gateway().send(message)).rejects.toBeInstanceOf(SmsRejected);
  });

  it('fails retryably when nothing listens', async () => {
    const closed = await startFakeSmsGateway();
    await closed.close();
    const error = await createHttpSmsGateway({ url: closed.url, token: null, timeoutMs: 300 })
      .send(message)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(SmsRejected);
  });
});

describe('log gateway', () => {
  it('appends each message as a JSON line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'otklik-sms-'));
    try {
      const gateway = createLogSmsGateway(join(dir, 'sms.log'));
      await gateway.send({ id: 'a', to: '+79131234567', text: 'Первое' });
      await gateway.send({ id: 'b', to: '+79131234568', text: 'Второе' });
      const lines = readFileSync(join(dir, 'sms.log'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(lines.map((l) => [l.id, l.to, l.text])).toEqual([
        ['a', '+79131234567', 'Первое'],
        ['b', '+79131234568', 'Второе'],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('gateway choice in the configuration', () => {
  it('logs by default, uses HTTP once a URL is named, and refuses a half-configured gateway', () => {
    expect(loadConfig({}).smsGateway).toBe('log');
    expect(loadConfig({ SMS_GATEWAY_URL: 'https://sms.example.ru/send' })).toMatchObject({
      smsGateway: 'http',
      smsGatewayUrl: 'https://sms.example.ru/send',
      smsGatewayTimeoutMs: 10_000,
    });
    expect(
      loadConfig({ SMS_GATEWAY: 'log', SMS_GATEWAY_URL: 'https://sms.example.ru/send' }).smsGateway,
    ).toBe('log');
    expect(() => loadConfig({ SMS_GATEWAY: 'http' })).toThrow(/SMS_GATEWAY_URL/);
    expect(() => loadConfig({ SMS_GATEWAY: 'smpp' })).toThrow(/http or log/);
    expect(() => loadConfig({ SMS_GATEWAY_URL: 'ftp://sms.example.ru' })).toThrow(/http/);
  });
});
