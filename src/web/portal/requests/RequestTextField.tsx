import { Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import fieldClasses from './fields.module.css';
import { countValues } from './formats';
import { TEXT_MAX } from './requestTypes';
import { countChars } from './validateRequest';

interface Props {
  value: string;
  error?: string;
  onChange: (text: string) => void;
}

/** The text grows with its content; the counter «n из 10 000» sits under it and names the excess. */
export function RequestTextField({ value, error, onChange }: Props) {
  const { t } = useTranslation('portal');
  const length = countChars(value.trim());
  const over = length - TEXT_MAX;
  const counter =
    over > 0
      ? t('requests.text.counterOver', countValues({ length, max: TEXT_MAX, over }))
      : t('requests.text.counter', countValues({ length, max: TEXT_MAX }));
  return (
    <Textarea
      id="request-text"
      name="text"
      label={t('requests.text.label')}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      error={error}
      required
      size="md"
      autosize
      minRows={6}
      maxRows={20}
      description={
        <Text
          span
          size="md"
          fw={over > 0 ? 700 : undefined}
          c={over > 0 ? 'var(--mantine-color-error)' : undefined}
        >
          {counter}
        </Text>
      }
      classNames={{ error: fieldClasses.error }}
      inputWrapperOrder={['label', 'input', 'description', 'error']}
    />
  );
}
