import type { Touchpoint, TouchpointKind } from '../../../common/types';

export interface TouchpointLink {
  text: string;
  /** null when the value is not something a browser can open (a street address, MEDO). */
  href: string | null;
}

const PHONE_KINDS: readonly TouchpointKind[] = ['phone', 'consult_line', 'ekc'];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const URL_WITH_SCHEME = /^https?:\/\//i;
const URL_WITHOUT_SCHEME = /^(www\.|t\.me\/|vk\.com\/|ok\.ru\/)/i;

function phoneHref(text: string): string | null {
  const digits = text.replace(/[^\d+]/g, '').replace(/(?!^)\+/g, '');
  return digits.replace('+', '').length >= 3 ? `tel:${digits}` : null;
}

/** Shows a URL the way people read it: without the scheme and the trailing slash. */
function readableUrl(url: string): string {
  return url.replace(URL_WITH_SCHEME, '').replace(/\/$/, '');
}

/**
 * Turns a touchpoint's value into what a visitor can act on: web addresses as links, e-mail as
 * mailto:, phone numbers as tel: (a value may list several numbers separated by commas).
 */
export function touchpointLinks(touchpoint: Pick<Touchpoint, 'kind' | 'value'>): TouchpointLink[] {
  const value = touchpoint.value.trim();
  if (URL_WITH_SCHEME.test(value)) return [{ text: readableUrl(value), href: value }];
  if (URL_WITHOUT_SCHEME.test(value)) return [{ text: readableUrl(value), href: `https://${value}` }];
  if (EMAIL.test(value)) return [{ text: value, href: `mailto:${value}` }];
  if (PHONE_KINDS.includes(touchpoint.kind)) {
    return value
      .split(/[,;]/)
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => ({ text: part, href: phoneHref(part) }));
  }
  return [{ text: value, href: null }];
}
