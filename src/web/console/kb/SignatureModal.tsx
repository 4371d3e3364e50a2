import { Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../shared/FormModal';
import { QueryStatus } from '../shared/QueryStatus';
import { useSaveForm } from '../shared/useSaveForm';
import { useSaveSignature, useSignature } from './templateQueries';

/** The signature a staff member puts under their answers (seed 004 p. 3). */
export function SignatureModal({ onClose }: { onClose: () => void }) {
  const signature = useSignature();
  return signature.data ? (
    <SignatureForm initial={signature.data.signature ?? ''} onClose={onClose} />
  ) : (
    <QueryStatus query={signature} rows={2} />
  );
}

function SignatureForm({ initial, onClose }: { initial: string; onClose: () => void }) {
  const { t } = useTranslation('console');
  const save = useSaveSignature();
  const form = useSaveForm({ mutation: save, fields: ['signature'], onSaved: onClose });
  const [value, setValue] = useState(initial);
  return (
    <FormModal
      title={t('answerTemplates.signature')}
      onClose={onClose}
      onSubmit={() => form.submit({}, { signature: value })}
      formError={form.formError}
      pending={form.pending}
    >
      <Textarea
        label={t('answerTemplates.signature')}
        description={t('answerTemplates.signatureHint')}
        autosize
        minRows={3}
        maxLength={1000}
        value={value}
        error={form.errors.signature}
        onChange={(event) => {
          form.clear('signature');
          setValue(event.currentTarget.value);
        }}
        data-autofocus
      />
    </FormModal>
  );
}
