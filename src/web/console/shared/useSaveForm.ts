import { notifications } from '@mantine/notifications';
import type { UseMutationResult } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type FieldErrors, splitApiError } from './fieldErrors';
import { useFieldErrors } from './useFieldErrors';

interface SaveFormOptions<TInput, TResult> {
  mutation: UseMutationResult<TResult, Error, TInput>;
  /** The form's inputs by request path, so that a server error lands under the one it concerns. */
  fields: readonly string[];
  /** Runs after a successful save, once the notice is up (e.g. closes the dialog). */
  onSaved: (result: TResult) => void;
  /** The notice after a successful save; "Сохранено" unless given. */
  savedMessage?: (result: TResult) => string;
}

/**
 * The submit cycle of a form that saves through the API: the client's own checks first, then the
 * call; a refusal is shown under the input it names, or above the form when it names none.
 */
export function useSaveForm<TInput, TResult>(options: SaveFormOptions<TInput, TResult>) {
  const { mutation, fields, onSaved, savedMessage } = options;
  const { t } = useTranslation();
  const { errors, setErrors, clear } = useFieldErrors();
  const [formError, setFormError] = useState<string | null>(null);

  /** `found` holds the client-side problems; the input is sent only when there are none. */
  const submit = (found: FieldErrors, input: TInput) => {
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length > 0) return;
    mutation.mutate(input, {
      onSuccess: (result) => {
        notifications.show({ color: 'green', message: savedMessage?.(result) ?? t('state.saved') });
        onSaved(result);
      },
      onError: (error) => {
        const split = splitApiError(error, fields, t);
        setErrors(split.fields);
        setFormError(split.form);
      },
    });
  };

  return { errors, clear, formError, pending: mutation.isPending, submit };
}
