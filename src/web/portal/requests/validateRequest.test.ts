import { describe, expect, it } from 'vitest';
import { TEXT_MAX } from './requestTypes';
import { EMPTY_DRAFT, fieldOfPath, type RequestDraft, toRequestBody, validateDraft } from './validateRequest';

const filled: RequestDraft = {
  ...EMPTY_DRAFT,
  kind: 'appeal',
  text: '  Прошу отремонтировать крыльцо  ',
  name: 'Иванова Мария Петровна',
  consent: true,
};

describe('validateDraft', () => {
  it('asks for the kind, the text, the name and the consent of an empty form', () => {
    expect(Object.keys(validateDraft(EMPTY_DRAFT))).toEqual(['kind', 'text', 'name', 'consent']);
  });

  it('accepts a filled form without contacts', () => {
    expect(validateDraft(filled)).toEqual({});
  });

  it('counts the text in characters, as the server does, and says by how much it is over', () => {
    expect(validateDraft({ ...filled, text: '😀'.repeat(TEXT_MAX) }).text).toBeUndefined();
    expect(validateDraft({ ...filled, text: 'а'.repeat(TEXT_MAX + 5) }).text).toEqual({
      key: 'textTooLong',
      values: { max: TEXT_MAX, over: 5 },
    });
  });

  it('checks the e-mail and the phone only when they are given', () => {
    expect(validateDraft({ ...filled, email: 'ivanova@mail', phone: '12' })).toEqual({
      email: { key: 'emailInvalid' },
      phone: { key: 'phoneInvalid' },
    });
    expect(validateDraft({ ...filled, email: 'ivanova@mail.ru', phone: '+7 (383) 238-60-02' })).toEqual({});
  });
});

describe('toRequestBody', () => {
  it('trims, leaves out empty contacts and never asks for e-mail notices without an e-mail', () => {
    expect(toRequestBody({ ...filled, notifyByEmail: true })).toEqual({
      kind: 'appeal',
      text: 'Прошу отремонтировать крыльцо',
      name: 'Иванова Мария Петровна',
      notifyByEmail: false,
      consent: true,
      website: '',
    });
    expect(toRequestBody({ ...filled, email: ' a@b.ru ', notifyByEmail: true })).toMatchObject({
      email: 'a@b.ru',
      notifyByEmail: true,
    });
  });
});

describe('fieldOfPath', () => {
  it('maps the server path to a visible input and leaves the honeypot to the form', () => {
    expect(fieldOfPath('body.email')).toBe('email');
    expect(fieldOfPath('body.website')).toBeNull();
    expect(fieldOfPath(undefined)).toBeNull();
  });
});
