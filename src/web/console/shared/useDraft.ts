import { useState } from 'react';

/** A form's working copy; changing a field also clears that field's error message. */
export function useDraft<T extends object>(initial: T, clear: (field: string) => void) {
  const [draft, setDraft] = useState(initial);
  const set = <K extends keyof T & string>(key: K, value: T[K]) => {
    clear(key);
    setDraft((current) => ({ ...current, [key]: value }));
  };
  return { draft, set, setDraft };
}
