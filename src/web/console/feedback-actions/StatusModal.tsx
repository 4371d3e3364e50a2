import { Select, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  FEEDBACK_ACTION_STATUSES,
  type FeedbackAction,
  type FeedbackActionStatus,
  RESULT_MAX_LENGTH,
} from '../../../common/feedback-actions';
import { DateField } from '../shared/dates';
import { FormModal } from '../shared/FormModal';
import { collectErrors } from '../shared/fieldErrors';
import { useSaveForm } from '../shared/useSaveForm';
import { useSetFeedbackActionStatus } from './feedbackActionQueries';

const FIELDS = ['status', 'doneOn', 'result'] as const;

/** Moves a decision along planned → in progress → done; «done» asks what came of it. */
export function StatusModal({ action, onClose }: { action: FeedbackAction; onClose: () => void }) {
  const { t } = useTranslation('console');
  const change = useSetFeedbackActionStatus(action.id);
  const form = useSaveForm({ mutation: change, fields: FIELDS, onSaved: onClose });
  const [status, setStatus] = useState<FeedbackActionStatus>(action.status);
  const [doneOn, setDoneOn] = useState(action.doneOn ?? '');
  const [result, setResult] = useState(action.result ?? '');
  const done = status === 'done';

  const onSubmit = () =>
    form.submit(
      collectErrors({ result: done && !result.trim() ? t('feedbackActions.errors.result') : null }),
      { status, result: result.trim(), ...(done && doneOn ? { doneOn } : {}) },
    );

  return (
    <FormModal
      title={t('feedbackActions.changeStatus')}
      onClose={onClose}
      onSubmit={onSubmit}
      formError={form.formError}
      pending={form.pending}
    >
      <Select
        label={t('feedbackActions.fields.status')}
        allowDeselect={false}
        data={FEEDBACK_ACTION_STATUSES.map((value) => ({
          value,
          label: t(`feedbackActions.statuses.${value}`),
        }))}
        value={status}
        error={form.errors.status}
        onChange={(value) => value && setStatus(value as FeedbackActionStatus)}
        data-autofocus
      />
      {done && (
        <DateField
          label={t('feedbackActions.fields.doneOn')}
          description={t('feedbackActions.fields.doneOnHint')}
          value={doneOn}
          error={form.errors.doneOn}
          onChange={(value) => {
            form.clear('doneOn');
            setDoneOn(value);
          }}
        />
      )}
      <Textarea
        label={t('feedbackActions.fields.result')}
        required={done}
        autosize
        minRows={2}
        maxLength={RESULT_MAX_LENGTH}
        value={result}
        error={form.errors.result}
        onChange={(event) => {
          form.clear('result');
          setResult(event.currentTarget.value);
        }}
      />
    </FormModal>
  );
}
