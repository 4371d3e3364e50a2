import type { Touchpoint, Weekday, WorkingHours } from '../../../common/types.js';
import { describeWorkingHours } from '../../../common/working-hours.js';
import { escapeHtml } from './sanitize.js';

/** What a starter article is built from: the agency as its portal shows it. */
export interface AgencyFacts {
  name: string;
  workingHours: WorkingHours;
  /** The agency's public touchpoints (the registry staff keep in the console). */
  touchpoints: Touchpoint[];
}

const DAY_LABELS: Record<Weekday, string> = {
  mon: 'Пн',
  tue: 'Вт',
  wed: 'Ср',
  thu: 'Чт',
  fri: 'Пт',
  sat: 'Сб',
  sun: 'Вс',
};

/** «Пн–Чт 09:00–18:00, Пт 09:00–17:00, перерыв 13:00–13:48; выходные: Сб, Вс». */
export function hoursInWords(hours: WorkingHours): string {
  const { schedule, lunch, daysOff } = describeWorkingHours(hours, (day) => DAY_LABELS[day]);
  const parts = [schedule.join(', ')];
  if (lunch) parts[0] += `, перерыв ${lunch}`;
  if (daysOff) parts.push(`выходные: ${daysOff}`);
  return parts.join('; ');
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function valueHtml(value: string): string {
  if (/^https?:\/\//i.test(value)) return `<a href="${escapeHtml(value)}">${escapeHtml(value)}</a>`;
  if (EMAIL.test(value)) return `<a href="mailto:${escapeHtml(value)}">${escapeHtml(value)}</a>`;
  return escapeHtml(value);
}

/** A touchpoint the way a citizen can use it: only those with an address, number or link. */
function contactItem(touchpoint: Touchpoint): string {
  const hours = touchpoint.hours ? ` (${escapeHtml(hoursInWords(touchpoint.hours))})` : '';
  return `<li><strong>${escapeHtml(touchpoint.title)}:</strong> ${valueHtml(touchpoint.value.trim())}${hours}</li>`;
}

/**
 * Contacts for a consultation (seed 003 p. 40) from the agency's public touchpoints. Returns null
 * when the registry has none with a value yet: the article then tells staff what to fill in
 * instead of showing citizens an empty list.
 */
export function contactsHtml(agency: AgencyFacts): { html: string; hasContacts: boolean } {
  const usable = [...agency.touchpoints]
    .filter((t) => t.isPublic && t.value.trim() !== '')
    .sort((a, b) => a.sortOrder - b.sortOrder);
  if (usable.length === 0) {
    return {
      hasContacts: false,
      html: '<p>В реестре точек взаимодействия ведомства пока нет открытых контактов с заполненным адресом, номером или ссылкой. Внесите их в реестр (Настройки → Точки взаимодействия) и в эту статью, затем откройте статью для портала.</p>',
    };
  }
  const hours = `<p>Если не указано иное — в рабочие часы ведомства: ${escapeHtml(hoursInWords(agency.workingHours))}.</p>`;
  return { hasContacts: true, html: `<ul>${usable.map(contactItem).join('')}</ul>${hours}` };
}

/** The reception schedule (seed 003 p. 40): the agency's hours and where the reception is. */
export function scheduleHtml(agency: AgencyFacts): string {
  const hours = `<p>Рабочие часы: ${escapeHtml(hoursInWords(agency.workingHours))}.</p>`;
  const reception = agency.touchpoints.find((t) => t.kind === 'reception' && t.value.trim() !== '');
  const place = reception
    ? `<p>Личный приём: ${escapeHtml(reception.value.trim())}${reception.hours ? `, ${escapeHtml(hoursInWords(reception.hours))}` : ''}.</p>`
    : '<p>Адрес личного приёма в реестре точек взаимодействия не указан — внесите его.</p>';
  return hours + place;
}
