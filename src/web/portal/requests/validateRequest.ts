import { NAME_MAX, type NewRequestBody, type RequestKind, TEXT_MAX } from './requestTypes';

export interface RequestDraft {
  kind: RequestKind | '';
  text: string;
  name: string;
  email: string;
  phone: string;
  notifyByEmail: boolean;
  consent: boolean;
  website: string;
  files: File[];
}

export const EMPTY_DRAFT: RequestDraft = {
  kind: '',
  text: '',
  name: '',
  email: '',
  phone: '',
  notifyByEmail: false,
  consent: false,
  website: '',
  files: [],
};

/** The visible inputs, in the order they appear on the page: the first error gets the focus. */
export const REQUEST_FIELDS = [
  'kind',
  'text',
  'files',
  'name',
  'email',
  'phone',
  'notifyByEmail',
  'consent',
] as const;
export type RequestField = (typeof REQUEST_FIELDS)[number];

/** An i18n key under `requests.errors` with its values. */
export interface FieldProblem {
  key: string;
  values?: Record<string, number>;
}
export type DraftProblems = Partial<Record<RequestField, FieldProblem>>;

// The server's `format: email` (ajv-formats), plus a dot in the domain that real addresses have.
const EMAIL =
  /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/i;
const EMAIL_MAX = 254;
// The server takes 5–40 of `0-9 + ( ) - space`; a number also needs enough digits to be dialled.
const PHONE = /^\+?[\d\s()-]+$/;
const PHONE_MAX = 40;

/** Characters as the server's JSON Schema counts them: code points, not UTF-16 units. */
export function countChars(value: string): number {
  return [...value].length;
}

export function hasEmail(draft: RequestDraft): boolean {
  return draft.email.trim() !== '';
}

export function validateDraft(draft: RequestDraft): DraftProblems {
  const problems: DraftProblems = {};
  const text = draft.text.trim();
  const name = draft.name.trim();
  const email = draft.email.trim();
  const phone = draft.phone.trim();
  const digits = phone.replace(/\D/g, '').length;

  if (!draft.kind) problems.kind = { key: 'kindRequired' };
  if (!text) problems.text = { key: 'textRequired' };
  else if (countChars(text) > TEXT_MAX) {
    problems.text = { key: 'textTooLong', values: { max: TEXT_MAX, over: countChars(text) - TEXT_MAX } };
  }
  if (!name) problems.name = { key: 'nameRequired' };
  else if (countChars(name) > NAME_MAX) problems.name = { key: 'nameTooLong', values: { max: NAME_MAX } };
  if (email && (email.length > EMAIL_MAX || !EMAIL.test(email))) problems.email = { key: 'emailInvalid' };
  if (phone && (phone.length > PHONE_MAX || !PHONE.test(phone) || digits < 5 || digits > 20)) {
    problems.phone = { key: 'phoneInvalid' };
  }
  if (!draft.consent) problems.consent = { key: 'consentRequired' };
  return problems;
}

/** The body for the server; call only when validateDraft found nothing. */
export function toRequestBody(draft: RequestDraft): NewRequestBody {
  const email = draft.email.trim();
  const phone = draft.phone.trim();
  return {
    kind: draft.kind || 'appeal',
    text: draft.text.trim(),
    name: draft.name.trim(),
    ...(email ? { email } : {}),
    ...(phone ? { phone } : {}),
    notifyByEmail: email !== '' && draft.notifyByEmail,
    consent: true,
    website: draft.website,
  };
}

/** `body.email` → `email`; null for a path that names no visible input (e.g. the honeypot). */
export function fieldOfPath(path: string | undefined): RequestField | null {
  const name = path?.replace(/^body\./, '').split('.')[0];
  return (REQUEST_FIELDS as readonly string[]).includes(name ?? '') ? (name as RequestField) : null;
}
