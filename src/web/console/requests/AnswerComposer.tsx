import { Alert, FileInput, Grid, Select, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ACCEPT, checkFiles } from '../../../common/attachments';
import type { TemplateVariant } from '../../../common/kb';
import { KbSuggestions } from '../kb/search/KbSuggestions';
import { recordKbUse } from '../kb/search/kbSearchQueries';
import { renderTemplate, useSignature, useTemplates } from '../kb/templateQueries';
import { AttachmentList } from './AttachmentList';
import { useRemoveAnswerFile, useUploadAnswerFiles } from './requestQueries';
import { ANSWER_FORMS, type AnswerForm, type RequestDetail } from './requestTypes';

interface AnswerComposerProps {
  request: RequestDetail;
  text: string;
  form: string;
  onText: (text: string) => void;
  onForm: (form: string | null) => void;
  errorOf: (field: 'text' | 'form') => string | undefined;
}

/**
 * The answer step (seed 004 p. 3): a knowledge-base template filled with the request's facts,
 * the text as the executor edits it, files for the answer, its form, and the signature under it;
 * beside it, the knowledge base's suggestions for this request.
 */
export function AnswerComposer(props: AnswerComposerProps) {
  const { t } = useTranslation('console');
  const templates = useTemplates();
  const signature = useSignature();
  const upload = useUploadAnswerFiles(props.request.id);
  const remove = useRemoveAnswerFile(props.request.id);
  const [templateId, setTemplateId] = useState<string | null>(null);
  const [unknown, setUnknown] = useState<string[]>([]);
  // The server chose it by the request's channel: short for social networks and messengers.
  const [variant, setVariant] = useState<TemplateVariant | null>(null);
  const [templateError, setTemplateError] = useState<string | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const answerFiles = props.request.attachments.filter((file) => file.kind === 'answer');

  const chooseTemplate = async (id: string | null) => {
    setTemplateId(id);
    setUnknown([]);
    setVariant(null);
    setTemplateError(null);
    if (!id) return;
    try {
      const rendered = await renderTemplate(props.request.id, id);
      props.onText(rendered.text);
      setUnknown(rendered.unknown);
      setVariant(rendered.variant);
      // The count is a side matter: the answer must not wait for it or fail with it.
      recordKbUse(id, 'request', props.request.id).catch(() => {});
    } catch (error) {
      setTemplateError((error as Error).message);
    }
  };

  const attach = (files: File[]) => {
    setFileError(null);
    if (files.length === 0) return;
    const problem = checkFiles(files);
    if (problem) return setFileError(t(`attachments.errors.${problem.key}`, problem.values));
    upload.mutate(files, { onError: (error) => setFileError(error.message) });
  };

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: 7 }}>
        <Stack>
          <Select
            label={t('answerTemplates.choose')}
            placeholder={t('answerTemplates.choosePlaceholder')}
            description={variant && t(`kb.template.usedVariant.${variant}`)}
            data={(templates.data ?? []).map((template) => ({ value: template.id, label: template.title }))}
            value={templateId}
            onChange={chooseTemplate}
            error={templateError}
            nothingFoundMessage={t('answerTemplates.empty')}
            searchable
            clearable
          />
          {unknown.length > 0 && (
            <Alert color="yellow" title={t('answerTemplates.unknownTitle')}>
              {t('answerTemplates.unknown', { list: unknown.map((name) => `{{${name}}}`).join(', ') })}
            </Alert>
          )}
          <Textarea
            label={t('requests.form.answerText')}
            value={props.text}
            onChange={(event) => props.onText(event.currentTarget.value)}
            error={props.errorOf('text')}
            autosize
            minRows={6}
            maxLength={20_000}
            required
          />
          <div>
            <Text size="sm" fw={500}>
              {t('answerTemplates.signature')}
            </Text>
            <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
              {signature.data?.signature || t('answerTemplates.noSignature')}
            </Text>
          </div>
          <FileInput
            label={t('attachments.answerFiles')}
            description={t('attachments.hint')}
            placeholder={t('attachments.choose')}
            multiple
            accept={ACCEPT}
            value={[]}
            onChange={attach}
            error={fileError}
            disabled={upload.isPending}
            clearable={false}
            // The placeholder is text (not an input's placeholder): it needs 4.5:1, red or gray alike.
            styles={{ placeholder: { color: 'var(--mantine-color-dimmed)' } }}
          />
          <AttachmentList
            requestId={props.request.id}
            files={answerFiles}
            emptyText={t('attachments.noAnswerFiles')}
            onRemove={(file) => remove.mutate(file.id, { onError: (error) => setFileError(error.message) })}
          />
          <Select
            label={t('requests.form.answerForm')}
            data={ANSWER_FORMS.map((value: AnswerForm) => ({
              value,
              label: t(`common:answerForms.${value}`),
            }))}
            value={props.form}
            onChange={props.onForm}
            error={props.errorOf('form')}
            allowDeselect={false}
            required
          />
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }}>
        <KbSuggestions requestId={props.request.id} onInsertTemplate={chooseTemplate} />
      </Grid.Col>
    </Grid>
  );
}
