// The browser side of the settings of the version for the visually impaired: the cookie the
// server also reads (src/common/accessibility.ts), and the attributes on <html>.
import {
  ACCESSIBILITY_COOKIE,
  ACCESSIBILITY_COOKIE_MAX_AGE_S,
  type AccessibilitySettings,
  ATTRIBUTES,
  serializeSettings,
  settingsAttributes,
  settingsFromCookie,
} from '../../../common/accessibility';

export * from '../../../common/accessibility';

export function readStoredSettings(): AccessibilitySettings {
  if (typeof document === 'undefined') return settingsFromCookie(undefined);
  const entry = document.cookie.split('; ').find((part) => part.startsWith(`${ACCESSIBILITY_COOKIE}=`));
  try {
    return settingsFromCookie(
      entry ? decodeURIComponent(entry.slice(ACCESSIBILITY_COOKIE.length + 1)) : undefined,
    );
  } catch {
    // A malformed escape: start from the defaults.
    return settingsFromCookie(undefined);
  }
}

export function storeSettings(settings: AccessibilitySettings): void {
  // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is missing in browsers visitors still use
  document.cookie = `${ACCESSIBILITY_COOKIE}=${encodeURIComponent(serializeSettings(settings))}; path=/; max-age=${ACCESSIBILITY_COOKIE_MAX_AGE_S}; samesite=lax`;
}

export function applySettingsToDocument(
  settings: AccessibilitySettings,
  root = document.documentElement,
): void {
  for (const name of Object.values(ATTRIBUTES)) root.removeAttribute(name);
  for (const [name, value] of Object.entries(settingsAttributes(settings))) root.setAttribute(name, value);
}
