import { Radio, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import fieldClasses from './fields.module.css';
import { REQUEST_KINDS, type RequestKind } from './requestTypes';

const ERROR_ID = 'request-kind-error';

interface Props {
  value: RequestKind | '';
  error?: string;
  onChange: (kind: RequestKind) => void;
}

/** «Обращение (59-ФЗ)» or «Запрос информации (8-ФЗ)», each with a line in plain words. */
export function RequestKindField({ value, error, onChange }: Props) {
  const { t } = useTranslation('portal');
  return (
    <Radio.Group
      label={t('requests.kind.label')}
      value={value}
      onChange={(next) => onChange(next as RequestKind)}
      error={error}
      errorProps={{ id: ERROR_ID, mt: 'xs' }}
      classNames={{ error: fieldClasses.error }}
      withAsterisk
      name="kind"
      size="md"
    >
      <Stack gap="sm" mt="xs">
        {REQUEST_KINDS.map((kind) => (
          <Radio
            key={kind}
            id={`request-kind-${kind === 'appeal' ? 'appeal' : 'info'}`}
            value={kind}
            required
            label={t(`requests.kind.${kind}`)}
            description={t(`requests.kind.${kind}Hint`)}
            // The group names its error, but screen readers read a radio's own description first.
            aria-describedby={error ? ERROR_ID : undefined}
            aria-invalid={error ? true : undefined}
            error={Boolean(error)}
            classNames={{ labelWrapper: fieldClasses.labelWrapper }}
          />
        ))}
      </Stack>
    </Radio.Group>
  );
}
