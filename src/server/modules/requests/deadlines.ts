import { readFileSync } from 'node:fs';
import { REQUEST_KINDS, type RequestKind } from '../../../common/requests.js';
import { type DeadlineShift, endOfLocalDay, localDate, type ProductionCalendar } from '../../lib/calendar.js';

export { REQUEST_KINDS, type RequestKind };

export interface Term {
  days: number;
  /** Calendar days (59-ФЗ, 8-ФЗ) or working days (the agencies' own standards). */
  dayType: 'calendar' | 'working';
  /** The legal source shown next to the deadline. */
  source: string;
}

export interface DeadlinePolicy {
  title: string;
  law: string;
  register: Term;
  answer: Term;
  urgentAnswer: Term | null;
  extension: Term | null;
  redirect: Term | null;
}

export type DeadlinePolicies = Record<RequestKind, DeadlinePolicy>;

function assertTerm(value: unknown, where: string, optional: boolean): void {
  if (value === null && optional) return;
  const term = value as Term;
  if (
    typeof term !== 'object' ||
    !Number.isInteger(term.days) ||
    term.days < 0 ||
    !['calendar', 'working'].includes(term.dayType) ||
    typeof term.source !== 'string' ||
    !term.source
  ) {
    throw new Error(`${where}: expected {days ≥ 0, dayType calendar|working, source}`);
  }
}

/** presets/deadlines/policies.json, checked so a typo fails at start-up rather than in a deadline. */
export function loadDeadlinePolicies(file: string): DeadlinePolicies {
  const data = JSON.parse(readFileSync(file, 'utf8')) as DeadlinePolicies;
  for (const kind of REQUEST_KINDS) {
    const policy = data[kind];
    if (!policy) throw new Error(`${file}: no policy for ${kind}`);
    assertTerm(policy.register, `${file} ${kind}.register`, false);
    assertTerm(policy.answer, `${file} ${kind}.answer`, false);
    assertTerm(policy.urgentAnswer, `${file} ${kind}.urgentAnswer`, true);
    assertTerm(policy.extension, `${file} ${kind}.extension`, true);
    assertTerm(policy.redirect, `${file} ${kind}.redirect`, true);
  }
  return data;
}

/**
 * The last moment of a term that starts on `from`: the end of the agency-local day on which it
 * falls. Calendar-day terms count from the day after the start (the start day itself is not
 * counted) and move off a non-working day by `shift` (ARCHITECTURE §4: to the previous working
 * day by default). A working-day term of 0 days means "the same working day", or the next
 * working day when the request came on a day off.
 */
// A term's end depends only on the local day it starts, so each day's answer is worked out once
// per calendar: the intake asks twice per request, and the time-zone arithmetic was a fifth of its
// CPU (issue 4, intake benchmark). A changed calendar is a new object, so it starts afresh.
const ends = new WeakMap<ProductionCalendar, Map<string, number>>();

export function termEnd(
  term: Term,
  from: Date,
  timeZone: string,
  calendar: ProductionCalendar,
  shift: DeadlineShift = 'previous',
): Date {
  const start = localDate(from, timeZone);
  const key = `${timeZone}|${start}|${term.days}|${term.dayType}|${shift}`;
  const known = ends.get(calendar) ?? new Map<string, number>();
  ends.set(calendar, known);
  const hit = known.get(key);
  if (hit !== undefined) return new Date(hit);
  let due: string;
  if (term.dayType === 'working') {
    const firstWorking = calendar.isWorkingDay(start) ? start : calendar.nextWorkingDay(start);
    due = calendar.addWorkingDays(firstWorking, term.days);
  } else {
    due = calendar.addCalendarDays(start, term.days, shift);
  }
  const end = endOfLocalDay(due, timeZone);
  known.set(key, end.getTime());
  return end;
}

export function answerTerm(policy: DeadlinePolicy, urgent: boolean): Term {
  return urgent && policy.urgentAnswer ? policy.urgentAnswer : policy.answer;
}

/**
 * The internal note for a request registered after its registration term (59-ФЗ ст. 8 ч. 2: three
 * days from receipt), or null when on time: heads see the breach on the card.
 */
export function registeredLate(
  policy: DeadlinePolicy,
  receivedAt: Date,
  registeredAt: Date,
  timeZone: string,
  calendar: ProductionCalendar,
): string | null {
  const limit = termEnd(policy.register, receivedAt, timeZone, calendar, 'next');
  return registeredAt > limit
    ? `Зарегистрировано позже установленного срока (${policy.register.source})`
    : null;
}

export const OVERRIDABLE_TERMS = ['register', 'answer', 'urgentAnswer', 'extension', 'redirect'] as const;
export type OverridableTerm = (typeof OVERRIDABLE_TERMS)[number];

/** The preset policies with an agency's own terms put in. */
export function withOverrides(
  defaults: DeadlinePolicies,
  overrides: {
    kind: RequestKind;
    term: OverridableTerm;
    days: number;
    dayType: Term['dayType'];
    source: string;
  }[],
): DeadlinePolicies {
  const merged = structuredClone(defaults);
  for (const o of overrides) {
    merged[o.kind][o.term] = { days: o.days, dayType: o.dayType, source: o.source };
  }
  return merged;
}

// Kinds whose terms a federal law sets: an agency may shorten them, never lengthen.
const STATUTORY: readonly RequestKind[] = ['appeal', 'info_request', 'reception_appeal'];

/** Why an agency's term is not allowed, or null. */
export function overrideError(
  defaults: DeadlinePolicies,
  kind: RequestKind,
  term: OverridableTerm,
  value: Term,
): string | null {
  const preset = defaults[kind][term];
  if (!preset || !STATUTORY.includes(kind)) return null;
  if (value.dayType !== preset.dayType) {
    return `Срок установлен в ${preset.dayType === 'calendar' ? 'календарных' : 'рабочих'} днях (${preset.source})`;
  }
  if (value.days > preset.days) {
    return `Срок не может быть больше установленного законом: ${preset.days} дн. (${preset.source})`;
  }
  return null;
}
