import { Alert, Button, Group, Loader, Paper, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertCircle, IconSend } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { AttachmentsField } from './AttachmentsField';
import { ConsentField } from './ConsentField';
import { ContactFields } from './ContactFields';
import fieldClasses from './fields.module.css';
import { HoneypotField } from './HoneypotField';
import classes from './RequestForm.module.css';
import { RequestKindField } from './RequestKindField';
import { RequestTextField } from './RequestTextField';
import type { useRequestForm } from './useRequestForm';

interface Props {
  agencyName: string;
  form: ReturnType<typeof useRequestForm>;
}

/** The fields of the «Обращения» form; state and sending live in useRequestForm. */
export function RequestForm({ agencyName, form }: Props) {
  const { t } = useTranslation('portal');
  const { draft, change, errors, problem, pending, submit } = form;
  return (
    <Paper
      component="form"
      withBorder
      radius="md"
      p={{ base: 'md', sm: 'xl' }}
      className={classes.form}
      onSubmit={submit}
      noValidate
      aria-labelledby="page-title"
    >
      <Stack gap="lg">
        <Text size="sm">{t('requests.requiredNote')}</Text>
        <RequestKindField value={draft.kind} error={errors.kind} onChange={(kind) => change('kind', kind)} />
        <RequestTextField value={draft.text} error={errors.text} onChange={(text) => change('text', text)} />
        <AttachmentsField
          value={draft.files}
          error={errors.files}
          onChange={(files) => change('files', files)}
        />
        <TextInput
          id="request-name"
          name="name"
          autoComplete="name"
          size="md"
          required
          label={t('requests.name.label')}
          description={t('requests.name.hint')}
          value={draft.name}
          onChange={(event) => change('name', event.currentTarget.value)}
          error={errors.name}
          classNames={{ error: fieldClasses.error }}
          maw={480}
        />
        <ContactFields draft={draft} errors={errors} onChange={change} />
        <ConsentField
          agencyName={agencyName}
          checked={draft.consent}
          error={errors.consent}
          onChange={(checked) => change('consent', checked)}
        />
        <HoneypotField value={draft.website} onChange={(value) => change('website', value)} />
        {problem && (
          <Alert
            color="red"
            variant="light"
            title={problem.title}
            icon={<IconAlertCircle aria-hidden="true" />}
          >
            {problem.message}
          </Alert>
        )}
        <Group>
          {/* Not `disabled` while sending: a disabled button drops the keyboard focus. */}
          <Button
            type="submit"
            size="md"
            aria-disabled={pending || undefined}
            leftSection={
              pending ? (
                <Loader size="sm" color="currentColor" aria-hidden="true" />
              ) : (
                <IconSend size="1.25rem" aria-hidden="true" />
              )
            }
          >
            {t(pending ? 'requests.sending' : 'requests.submit')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
