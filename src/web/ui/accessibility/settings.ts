// Settings of the version for the visually impaired (seed 000 p. 5.1; ГОСТ Р 52872-2019 §8.2:
// font size, colour scheme, letter and line spacing, images on/off, return to the usual version).
// The same key and attribute names are read by the inline boot script in each app's index.html,
// which applies them before the first paint; keep the two in agreement.

export const STORAGE_KEY = 'otklik.a11y';

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

/** Accepts anything (old or hand-edited storage) and returns valid settings. */
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

export function readStoredSettings(): AccessibilitySettings {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return parseSettings(stored ? JSON.parse(stored) : null);
  } catch {
    // Broken JSON or storage disabled (private mode): start from the defaults.
    return DEFAULT_SETTINGS;
  }
}

export function storeSettings(settings: AccessibilitySettings): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(settings));
  } catch {
    // The mode still works for this page; it is just not remembered.
  }
}

/** Attribute names on <html>; the CSS in accessibility.css keys on them. */
export const ATTRIBUTES = {
  enabled: 'data-a11y',
  fontSize: 'data-a11y-font',
  scheme: 'data-a11y-scheme',
  letterSpacing: 'data-a11y-letter',
  lineHeight: 'data-a11y-line',
  images: 'data-a11y-images',
} as const;

export function applySettingsToDocument(
  settings: AccessibilitySettings,
  root = document.documentElement,
): void {
  const { enabled, ...values } = settings;
  if (!enabled) {
    for (const name of Object.values(ATTRIBUTES)) root.removeAttribute(name);
    return;
  }
  root.setAttribute(ATTRIBUTES.enabled, 'on');
  for (const [key, value] of Object.entries(values)) {
    root.setAttribute(ATTRIBUTES[key as keyof typeof values], value);
  }
}
