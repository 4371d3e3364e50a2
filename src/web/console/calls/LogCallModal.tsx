import { Checkbox, NumberInput, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useAgencyTimezone } from '../shared/agencyTime';
import { DateTimeField } from '../shared/dates';
import { describeError } from '../shared/describeError';
import { FormModal } from '../shared/FormModal';
import { agencyLocalToIso, agencyNow } from './agencyTime';
import { useLogCall } from './callQueries';

/** A call taken off the PBX (e.g. on a mobile) written down by hand; its card opens next. */
export function LogCallModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('console');
  const timezone = useAgencyTimezone();
  const navigate = useNavigate();
  const logCall = useLogCall();
  const [caller, setCaller] = useState('');
  const [startedAt, setStartedAt] = useState(() => agencyNow(timezone));
  const [answered, setAnswered] = useState(true);
  const [durationSec, setDurationSec] = useState<number>(0);
  const submit = () =>
    logCall.mutate(
      { caller: caller.trim(), startedAt: agencyLocalToIso(startedAt, timezone), answered, durationSec },
      { onSuccess: (call) => navigate(`/calls/${call.id}`) },
    );
  return (
    <FormModal
      title={t('calls.logTitle')}
      onClose={onClose}
      onSubmit={submit}
      formError={logCall.error ? describeError(logCall.error, t) : null}
      pending={logCall.isPending}
    >
      <TextInput
        label={t('calls.field.caller')}
        required
        data-autofocus
        inputMode="tel"
        value={caller}
        onChange={(event) => setCaller(event.currentTarget.value)}
      />
      <DateTimeField label={t('calls.field.startedAt')} required value={startedAt} onChange={setStartedAt} />
      <Checkbox
        label={t('calls.field.answeredFlag')}
        checked={answered}
        onChange={(event) => setAnswered(event.currentTarget.checked)}
      />
      <NumberInput
        label={t('calls.field.duration')}
        min={0}
        max={86_400}
        value={durationSec}
        onChange={(value) => setDurationSec(typeof value === 'number' ? value : 0)}
      />
    </FormModal>
  );
}
