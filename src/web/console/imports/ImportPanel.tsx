import { Button, FileInput, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../shared/ErrorAlert';
import { ImportResults } from './ImportResults';
import { type ImportKind, useImport } from './importQueries';

const ACCEPT: Record<ImportKind, string> = {
  pos: '.xlsx,.csv',
  medo: '.zip',
  'governor-reception': '.eml,.xlsx,.csv,.json',
};

/** A file for one channel: look at what it holds first, then import it and see each row's fate. */
export function ImportPanel({ kind }: { kind: ImportKind }) {
  const { t } = useTranslation('console');
  const [file, setFile] = useState<File | null>(null);
  const [number, setNumber] = useState('');
  const upload = useImport(kind);
  const run = (dryRun: boolean) => file && upload.mutate({ file, dryRun, number });

  return (
    <Stack>
      <Text c="dimmed">{t(`imports.hint.${kind}`)}</Text>
      <Group align="flex-end" wrap="wrap">
        <FileInput
          label={t('imports.file')}
          placeholder={t('imports.choose')}
          accept={ACCEPT[kind]}
          value={file}
          onChange={(value) => {
            setFile(value);
            upload.reset();
          }}
          clearable
          w={360}
          styles={{ placeholder: { color: 'var(--mantine-color-dimmed)' } }}
        />
        {kind === 'governor-reception' && (
          <TextInput
            label={t('imports.receptionNumber')}
            description={t('imports.receptionNumberHint')}
            value={number}
            onChange={(event) => setNumber(event.currentTarget.value)}
            maxLength={60}
          />
        )}
        <Button variant="default" disabled={!file} loading={upload.isPending} onClick={() => run(true)}>
          {t('imports.preview')}
        </Button>
        <Button
          leftSection={<IconUpload size={16} aria-hidden />}
          disabled={!file}
          loading={upload.isPending}
          onClick={() => run(false)}
        >
          {t('imports.import')}
        </Button>
      </Group>
      {upload.error && <ErrorAlert error={upload.error} title={t('imports.failed')} />}
      {upload.data && <ImportResults rows={upload.data.rows} />}
    </Stack>
  );
}
