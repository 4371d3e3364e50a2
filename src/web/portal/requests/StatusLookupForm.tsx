import { Button, Group, Stack, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import fieldClasses from './fields.module.css';
import classes from './RequestStatus.module.css';

interface Props {
  initialNumber: string;
  initialCode: string;
  checking: boolean;
  onCheck: (number: string, code: string) => void;
}

/** «Номер» and «Код доступа»; Enter in either field submits. */
export function StatusLookupForm({ initialNumber, initialCode, checking, onCheck }: Props) {
  const { t } = useTranslation('portal');
  const [number, setNumber] = useState(initialNumber);
  const [code, setCode] = useState(initialCode);
  const [errors, setErrors] = useState<{ number?: string; code?: string }>({});
  const [focusTick, setFocusTick] = useState(0);
  const numberRef = useRef<HTMLInputElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (focusTick === 0) return;
    (errors.number ? numberRef : codeRef).current?.focus();
  }, [focusTick, errors]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const next = {
      number: number.trim() ? undefined : t('requests.status.numberRequired'),
      code: code.trim() ? undefined : t('requests.status.codeRequired'),
    };
    setErrors(next);
    if (next.number || next.code) setFocusTick((tick) => tick + 1);
    else onCheck(number.trim(), code.trim());
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="page-title" className={classes.lookup}>
      <Stack gap="md">
        <Group align="flex-start" gap="md" wrap="wrap">
          <TextInput
            ref={numberRef}
            id="status-number"
            name="number"
            label={t('requests.status.number')}
            required
            size="md"
            autoComplete="off"
            spellCheck={false}
            value={number}
            onChange={(event) => setNumber(event.currentTarget.value)}
            error={errors.number}
            classNames={{ error: fieldClasses.error }}
            className={classes.field}
          />
          <TextInput
            ref={codeRef}
            id="status-code"
            name="code"
            label={t('requests.status.code')}
            required
            size="md"
            autoComplete="off"
            spellCheck={false}
            value={code}
            onChange={(event) => setCode(event.currentTarget.value)}
            error={errors.code}
            classNames={{ input: classes.codeInput, error: fieldClasses.error }}
            className={classes.field}
          />
        </Group>
        <Group>
          <Button
            type="submit"
            size="md"
            aria-disabled={checking || undefined}
            leftSection={<IconSearch size="1.25rem" aria-hidden="true" />}
          >
            {t('requests.status.check')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
