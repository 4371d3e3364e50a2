import { useCallback, useState } from 'react';
import type { FieldErrors } from './fieldErrors';

/** Per-field messages; editing a field clears its message, so stale errors never linger. */
export function useFieldErrors() {
  const [errors, setErrors] = useState<FieldErrors>({});
  const clear = useCallback(
    (field: string) =>
      setErrors((current) => {
        if (!(field in current)) return current;
        const { [field]: _removed, ...rest } = current;
        return rest;
      }),
    [],
  );
  return { errors, setErrors, clear };
}

/** After a failed submit, take keyboard and screen-reader users straight to the first problem. */
export function focusFirstInvalid(form: HTMLFormElement | null): void {
  // Wait a frame: the inputs get aria-invalid only after React renders the new errors.
  requestAnimationFrame(() => form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
}
