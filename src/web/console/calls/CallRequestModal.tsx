import { Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { describeError } from '../shared/describeError';
import { FormModal } from '../shared/FormModal';
import { type Call, useCallToRequest } from './callQueries';

/** Registers a request from the call (outcome «request»); the request's card opens next. */
export function CallRequestModal({ call, onClose }: { call: Call; onClose: () => void }) {
  const { t } = useTranslation('console');
  const navigate = useNavigate();
  const toRequest = useCallToRequest(call.id);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [text, setText] = useState(call.question ?? '');
  const submit = () =>
    toRequest.mutate(
      { name: name.trim(), email: email.trim() || null, text: text.trim() || null },
      { onSuccess: (result) => navigate(`/requests/${result.requestId}`) },
    );
  return (
    <FormModal
      title={t('calls.toRequest.title')}
      onClose={onClose}
      onSubmit={submit}
      formError={toRequest.error ? describeError(toRequest.error, t) : null}
      pending={toRequest.isPending}
      submitLabel={t('calls.toRequest.submit')}
    >
      <TextInput
        label={t('calls.toRequest.name')}
        required
        data-autofocus
        value={name}
        onChange={(event) => setName(event.currentTarget.value)}
      />
      <TextInput
        label={t('calls.toRequest.email')}
        type="email"
        value={email}
        onChange={(event) => setEmail(event.currentTarget.value)}
      />
      <Textarea
        label={t('calls.toRequest.text')}
        autosize
        minRows={3}
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
      />
    </FormModal>
  );
}
