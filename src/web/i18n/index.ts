// One i18next instance for both web apps. Namespaces: `common` (roles, touchpoint kinds,
// weekdays, error texts — shared by every screen), `console` (staff console) and `portal`
// (public portal). JSON is bundled statically so the first render is already translated;
// the portal registers its own namespace with `registerNamespace('portal', { ru, en })`
// instead of this file importing it, so each app ships only the strings it uses.
import i18n from 'i18next';
import { useSyncExternalStore } from 'react';
import { initReactI18next } from 'react-i18next';
import enCommon from './locales/en/common.json';
import enConsole from './locales/en/console.json';
import ruCommon from './locales/ru/common.json';
import ruConsole from './locales/ru/console.json';

export const LOCALES = ['ru', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export type Namespace = 'common' | 'console' | 'portal';

const STORAGE_KEY = 'otklik.locale';
const FALLBACK: Locale = 'ru';

function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

function storedLocale(): Locale {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLocale(value) ? value : FALLBACK;
  } catch {
    // Private mode or disabled storage: Russian is the product's primary language.
    return FALLBACK;
  }
}

void i18n.use(initReactI18next).init({
  lng: storedLocale(),
  fallbackLng: FALLBACK,
  supportedLngs: [...LOCALES],
  ns: ['common', 'console'],
  defaultNS: 'common',
  fallbackNS: 'common',
  resources: {
    ru: { common: ruCommon, console: ruConsole },
    en: { common: enCommon, console: enConsole },
  },
  // React escapes output itself; double escaping would show &quot; in the UI.
  interpolation: { escapeValue: false },
  initAsync: false,
  react: { useSuspense: false },
});

// The portal's server-side renderer has no document: the server writes <html lang> itself.
if (typeof document !== 'undefined') {
  document.documentElement.lang = i18n.language;
  i18n.on('languageChanged', (lng) => {
    document.documentElement.lang = lng;
  });
}

/** Adds an app's own namespace (e.g. the portal's) to the shared instance. */
export function registerNamespace(ns: Namespace, bundles: Record<Locale, object>): void {
  for (const locale of LOCALES) {
    i18n.addResourceBundle(locale, ns, bundles[locale], true, true);
  }
}

export function currentLocale(): Locale {
  return isLocale(i18n.language) ? i18n.language : FALLBACK;
}

export function setLocale(locale: Locale): void {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // The switch still works for this visit; it is just not remembered.
  }
  void i18n.changeLanguage(locale);
}

function subscribe(onChange: () => void): () => void {
  i18n.on('languageChanged', onChange);
  return () => i18n.off('languageChanged', onChange);
}

/** The active locale and its setter; re-renders when the language changes anywhere. */
export function useLocale(): [Locale, (locale: Locale) => void] {
  const locale = useSyncExternalStore(subscribe, currentLocale, currentLocale);
  return [locale, setLocale];
}

export default i18n;
