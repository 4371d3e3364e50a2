// Settings of the version for the visually impaired (seed 000 p. 5.1; ГОСТ Р 52872-2019 §8.2:
// font size, colour scheme, letter and line spacing, images on/off, return to the usual version).
// The server reads them from a cookie to render <html> attributes (pages work without JavaScript);
// the portal's script writes the same cookie when the visitor changes them on an interactive page.

export const ACCESSIBILITY_COOKIE = 'otklik_a11y';
/** Remembered for a year, as a visitor expects of a display preference. */
export const ACCESSIBILITY_COOKIE_MAX_AGE_S = 365 * 86_400;
/** The form of the switcher submits here (GET, so it is a plain link or form without JavaScript). */
export const ACCESSIBILITY_ENDPOINT = '/api/public/accessibility';

export const FONT_SIZES = ['100', '150', '200'] as const;
export const COLOR_SCHEMES = [
  'black-on-white',
  'white-on-black',
  'darkblue-on-lightblue',
  'brown-on-beige',
  'green-on-darkbrown',
] as const;
export const LETTER_SPACINGS = ['normal', 'medium', 'large'] as const;
export const LINE_HEIGHTS = ['normal', 'one-and-half', 'double'] as const;
export const IMAGE_MODES = ['on', 'off'] as const;

export type FontSize = (typeof FONT_SIZES)[number];
export type ColorScheme = (typeof COLOR_SCHEMES)[number];
export type LetterSpacing = (typeof LETTER_SPACINGS)[number];
export type LineHeight = (typeof LINE_HEIGHTS)[number];
export type ImageMode = (typeof IMAGE_MODES)[number];

export interface AccessibilitySettings {
  enabled: boolean;
  fontSize: FontSize;
  scheme: ColorScheme;
  letterSpacing: LetterSpacing;
  lineHeight: LineHeight;
  images: ImageMode;
}

export const DEFAULT_SETTINGS: AccessibilitySettings = {
  enabled: false,
  fontSize: '150',
  scheme: 'black-on-white',
  letterSpacing: 'normal',
  lineHeight: 'normal',
  images: 'on',
};

function pick<T extends string>(allowed: readonly T[], value: unknown, fallback: T): T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value)
    ? (value as T)
    : fallback;
}

/** Accepts anything (an old or hand-edited cookie) and returns valid settings. */
export function parseSettings(raw: unknown): AccessibilitySettings {
  const source = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  return {
    enabled: source.enabled === true,
    fontSize: pick(FONT_SIZES, source.fontSize, DEFAULT_SETTINGS.fontSize),
    scheme: pick(COLOR_SCHEMES, source.scheme, DEFAULT_SETTINGS.scheme),
    letterSpacing: pick(LETTER_SPACINGS, source.letterSpacing, DEFAULT_SETTINGS.letterSpacing),
    lineHeight: pick(LINE_HEIGHTS, source.lineHeight, DEFAULT_SETTINGS.lineHeight),
    images: pick(IMAGE_MODES, source.images, DEFAULT_SETTINGS.images),
  };
}

/** The cookie's value: the settings as JSON (URI-encoded by whoever writes the cookie header). */
export const serializeSettings = (settings: AccessibilitySettings) => JSON.stringify(settings);

export function settingsFromCookie(value: string | undefined): AccessibilitySettings {
  if (!value) return DEFAULT_SETTINGS;
  try {
    return parseSettings(JSON.parse(value));
  } catch {
    return DEFAULT_SETTINGS;
  }
}

/** Attribute names on <html>; the CSS in src/web/ui/accessibility/accessibility.css keys on them. */
export const ATTRIBUTES = {
  enabled: 'data-a11y',
  fontSize: 'data-a11y-font',
  scheme: 'data-a11y-scheme',
  letterSpacing: 'data-a11y-letter',
  lineHeight: 'data-a11y-line',
  images: 'data-a11y-images',
} as const;

/** The <html> attributes the settings give; none while the usual version is shown. */
export function settingsAttributes(settings: AccessibilitySettings): Record<string, string> {
  const { enabled, ...values } = settings;
  if (!enabled) return {};
  const attributes: Record<string, string> = { [ATTRIBUTES.enabled]: 'on' };
  for (const [key, value] of Object.entries(values)) {
    attributes[ATTRIBUTES[key as keyof typeof values]] = value;
  }
  return attributes;
}
