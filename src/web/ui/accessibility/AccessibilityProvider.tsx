import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import {
  type AccessibilitySettings,
  applySettingsToDocument,
  parseSettings,
  readStoredSettings,
  STORAGE_KEY,
  storeSettings,
} from './settings';

interface AccessibilityContextValue {
  settings: AccessibilitySettings;
  update: (changes: Partial<AccessibilitySettings>) => void;
  setEnabled: (enabled: boolean) => void;
}

const AccessibilityContext = createContext<AccessibilityContextValue | null>(null);

/**
 * Holds the visitor's settings of the version for the visually impaired, mirrors them onto
 * <html> data attributes and remembers them in localStorage, so every page (and every open tab)
 * of the site shows the same mode.
 */
export function AccessibilityProvider({ children }: { children: ReactNode }) {
  const [settings, setSettings] = useState<AccessibilitySettings>(readStoredSettings);

  useEffect(() => {
    applySettingsToDocument(settings);
    storeSettings(settings);
  }, [settings]);

  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key !== STORAGE_KEY) return;
      try {
        setSettings(parseSettings(event.newValue ? JSON.parse(event.newValue) : null));
      } catch {
        // Another tab wrote something unreadable; keep what this tab shows.
      }
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, []);

  const update = useCallback((changes: Partial<AccessibilitySettings>) => {
    setSettings((previous) => parseSettings({ ...previous, ...changes }));
  }, []);

  const setEnabled = useCallback((enabled: boolean) => update({ enabled }), [update]);

  const value = useMemo(() => ({ settings, update, setEnabled }), [settings, update, setEnabled]);
  return <AccessibilityContext.Provider value={value}>{children}</AccessibilityContext.Provider>;
}

export function useAccessibility(): AccessibilityContextValue {
  const context = useContext(AccessibilityContext);
  if (!context) throw new Error('useAccessibility() needs <AccessibilityProvider> above it');
  return context;
}
