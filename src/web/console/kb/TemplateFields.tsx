import { Alert, Button, Card, Group, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../shared/describeError';
import { PLACEHOLDERS, previewTemplate, type Rendered, type TemplatePreview } from './templateQueries';

interface TemplateFieldsProps {
  body: string;
  shortBody: string;
  onBody: (body: string) => void;
  onShortBody: (shortBody: string) => void;
  errors: { body?: string; shortBody?: string };
}

/**
 * A template's two variants (issue 6 p. 2) with the placeholders at hand, and a preview of both
 * filled in with a real request chosen by its number.
 */
export function TemplateFields(props: TemplateFieldsProps) {
  const { t } = useTranslation('console');
  const hint = t('kb.editor.placeholders', { list: PLACEHOLDERS.map((name) => `{{${name}}}`).join(', ') });
  return (
    <Stack>
      <Textarea
        label={t('kb.editor.formal')}
        description={`${t('kb.editor.formalHint')} ${hint}`}
        required
        autosize
        minRows={6}
        maxLength={20_000}
        value={props.body}
        error={props.errors.body}
        onChange={(event) => props.onBody(event.currentTarget.value)}
      />
      <Textarea
        label={t('kb.editor.short')}
        description={`${t('kb.editor.shortHint')} ${hint}`}
        autosize
        minRows={3}
        maxLength={5_000}
        value={props.shortBody}
        error={props.errors.shortBody}
        onChange={(event) => props.onShortBody(event.currentTarget.value)}
      />
      <PreviewWithRequest body={props.body} shortBody={props.shortBody} />
    </Stack>
  );
}

function PreviewWithRequest({ body, shortBody }: { body: string; shortBody: string }) {
  const { t } = useTranslation('console');
  const [number, setNumber] = useState('');
  const [preview, setPreview] = useState<TemplatePreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const run = async () => {
    setError(null);
    setPending(true);
    try {
      setPreview(
        await previewTemplate({
          requestNumber: number,
          body,
          shortBody: shortBody.trim() ? shortBody : null,
        }),
      );
    } catch (failure) {
      setPreview(null);
      setError(describeError(failure, t));
    } finally {
      setPending(false);
    }
  };

  return (
    <Card withBorder>
      <Text fw={700} mb="xs">
        {t('kb.editor.preview')}
      </Text>
      <Group align="flex-end">
        <TextInput
          label={t('kb.editor.previewNumber')}
          value={number}
          maxLength={40}
          onChange={(event) => setNumber(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              if (number.trim()) void run();
            }
          }}
          error={error}
        />
        <Button variant="default" onClick={run} loading={pending} disabled={!number.trim() || !body.trim()}>
          {t('kb.editor.previewRun')}
        </Button>
      </Group>
      {preview && (
        <Stack mt="md" aria-live="polite">
          <Text size="sm" c="dimmed">
            {t('kb.editor.previewChosen', {
              number: preview.request.number,
              variant: t(`kb.template.variants.${preview.chosen}`),
            })}
          </Text>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <PreviewText title={t('kb.editor.formal')} rendered={preview.formal} />
            <PreviewText title={t('kb.editor.short')} rendered={preview.short} />
          </SimpleGrid>
        </Stack>
      )}
    </Card>
  );
}

function PreviewText({ title, rendered }: { title: string; rendered: Rendered }) {
  const { t } = useTranslation('console');
  return (
    <div>
      <Text size="sm" fw={700}>
        {title}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {rendered.text}
      </Text>
      {rendered.unknown.length > 0 && (
        <Alert color="yellow" mt="xs">
          {t('answerTemplates.unknown', { list: rendered.unknown.map((name) => `{{${name}}}`).join(', ') })}
        </Alert>
      )}
    </div>
  );
}
