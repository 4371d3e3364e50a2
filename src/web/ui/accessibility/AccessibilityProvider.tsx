import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import {
  type AccessibilitySettings,
  applySettingsToDocument,
  parseSettings,
  readStoredSettings,
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
 * <html> data attributes and remembers them in a cookie, which the server also reads to render
 * every page (with or without JavaScript) in the same mode. `initial` is the server's reading.
 */
export function AccessibilityProvider({
  children,
  initial,
}: {
  children: ReactNode;
  initial?: AccessibilitySettings;
}) {
  const [settings, setSettings] = useState<AccessibilitySettings>(() => initial ?? readStoredSettings());

  useEffect(() => {
    applySettingsToDocument(settings);
    storeSettings(settings);
  }, [settings]);

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
