import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { checkFiles } from '../../../common/attachments';
import { ApiError } from '../../ui/api';
import { countValues } from './formats';
import { IdempotencyKeeper } from './idempotency';
import { submitRequest } from './requestApi';
import type { CreatedRequest, NewRequestBody } from './requestTypes';
import {
  EMPTY_DRAFT,
  fieldOfPath,
  REQUEST_FIELDS,
  type RequestDraft,
  type RequestField,
  toRequestBody,
  validateDraft,
} from './validateRequest';

export type FieldErrors = Partial<Record<RequestField, string>>;

/** An error of the whole form, shown as an alert above the button. */
export interface FormProblem {
  title: string;
  message: string;
}

/** The id of the input that takes the focus for a field (for the radio group, its first radio). */
export const fieldId = (field: RequestField) =>
  field === 'kind' ? 'request-kind-appeal' : `request-${field}`;

/**
 * State of the «Обращения» form: client checks in Russian, server errors under their inputs,
 * focus on the first error, and one Idempotency-Key per submission so that a double click or a
 * retry after a network error never makes a second request.
 */
export function useRequestForm(slug: string) {
  const { t } = useTranslation('portal');
  const [draft, setDraft] = useState<RequestDraft>(EMPTY_DRAFT);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [created, setCreated] = useState<CreatedRequest | null>(null);
  const [focusTick, setFocusTick] = useState(0);
  const [keeper] = useState(() => new IdempotencyKeeper());

  const mutation = useMutation({
    mutationFn: ({ body, key, files }: { body: NewRequestBody; key: string; files: File[] }) =>
      submitRequest(slug, body, key, files),
  });

  // After the errors are rendered (so aria-describedby already names them), focus the first one.
  useEffect(() => {
    if (focusTick === 0) return;
    const first = REQUEST_FIELDS.find((field) => errors[field]);
    if (first) document.getElementById(fieldId(first))?.focus();
  }, [focusTick, errors]);

  function change<K extends keyof RequestDraft>(field: K, value: RequestDraft[K]) {
    keeper.touch();
    setDraft((current) => ({ ...current, [field]: value }));
    setErrors((current) => (field in current ? { ...current, [field]: undefined } : current));
  }

  function showErrors(next: FieldErrors) {
    setErrors(next);
    setFocusTick((tick) => tick + 1);
  }

  function fail(error: unknown) {
    if (error instanceof ApiError && error.status === 429) {
      setProblem({ title: t('requests.errors.rateLimitedTitle'), message: t('requests.errors.rateLimited') });
      return;
    }
    const field = error instanceof ApiError ? fieldOfPath(error.field) : null;
    if (error instanceof ApiError && field) showErrors({ [field]: error.message });
    else if (error instanceof ApiError && error.status < 500) {
      setProblem({ title: t('requests.errors.failedTitle'), message: error.message });
    } else setProblem({ title: t('requests.errors.failedTitle'), message: t('requests.errors.network') });
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (mutation.isPending) return;
    setProblem(null);
    const problems = validateDraft(draft);
    const translated: FieldErrors = {};
    for (const [field, { key, values }] of Object.entries(problems)) {
      translated[field as RequestField] = t(`requests.errors.${key}`, countValues(values));
    }
    // The same limits as the server's defaults, so a wrong file is named before anything is sent.
    const fileProblem = checkFiles(draft.files);
    if (fileProblem) translated.files = t(`attachments.errors.${fileProblem.key}`, fileProblem.values);
    if (Object.keys(translated).length > 0) {
      showErrors(translated);
      return;
    }
    const body = toRequestBody(draft);
    const files = draft.files;
    const key = keeper.keyFor(
      JSON.stringify([body, files.map((file) => [file.name, file.size, file.lastModified])]),
    );
    mutation.mutate({ body, key, files }, { onSuccess: setCreated, onError: fail });
  }

  function startOver() {
    keeper.reset();
    mutation.reset();
    setDraft(EMPTY_DRAFT);
    setErrors({});
    setProblem(null);
    setCreated(null);
  }

  return { draft, change, errors, problem, created, pending: mutation.isPending, submit, startOver };
}
