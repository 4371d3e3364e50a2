import { Alert, Blockquote, Group, Select, Stack, Text, Textarea } from '@mantine/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTemplates } from '../kb/templateQueries';
import { describeError } from '../shared/describeError';
import { FormModal } from '../shared/FormModal';
import { useSaveForm } from '../shared/useSaveForm';
import { EmojiPicker } from './EmojiPicker';
import { MAX_REPLY_LENGTH, renderTemplateFor, type SocialItem, useAnswer } from './socialQueries';

/** The answer in the item's own thread: typed, or started from a short template, emoji welcome. */
export function AnswerModal({ item, onClose }: { item: SocialItem; onClose: () => void }) {
  const { t } = useTranslation('console');
  const answer = useAnswer();
  const templates = useTemplates();
  const form = useSaveForm({
    mutation: answer,
    fields: ['text'],
    onSaved: onClose,
    savedMessage: () => t('social.answered'),
  });
  const [text, setText] = useState('');
  const [templateId, setTemplateId] = useState<string | null>(null);
  const [templateNote, setTemplateNote] = useState<string | null>(null);
  const area = useRef<HTMLTextAreaElement>(null);

  // Templates with their own short variant first: it is written for a comment thread.
  const options = [...(templates.data ?? [])]
    .sort((a, b) => Number(b.hasShortBody) - Number(a.hasShortBody))
    .map((template) => ({ value: template.id, label: template.title }));

  const pickTemplate = async (id: string | null) => {
    setTemplateId(id);
    setTemplateNote(null);
    if (!id) return;
    try {
      const rendered = await renderTemplateFor(item.id, id);
      setText(rendered.text);
      form.clear('text');
      if (rendered.unknown.length > 0) {
        setTemplateNote(
          t('social.unfilled', { list: rendered.unknown.map((name) => `{{${name}}}`).join(', ') }),
        );
      }
    } catch (error) {
      setTemplateNote(describeError(error, t));
    }
  };

  const insertEmoji = (emoji: string) => {
    const input = area.current;
    const start = input?.selectionStart ?? text.length;
    const end = input?.selectionEnd ?? text.length;
    setText(text.slice(0, start) + emoji + text.slice(end));
    requestAnimationFrame(() => {
      input?.focus();
      input?.setSelectionRange(start + emoji.length, start + emoji.length);
    });
  };

  const submit = () =>
    form.submit(text.trim() ? {} : { text: t('social.answerRequired') }, { id: item.id, text: text.trim() });

  return (
    <FormModal
      title={t('social.answerTitle', { name: item.authorName })}
      size="lg"
      onClose={onClose}
      onSubmit={submit}
      formError={form.formError}
      pending={form.pending}
      submitLabel={t('social.send')}
      intro={
        <Blockquote p="sm" color="gray">
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {item.text}
          </Text>
        </Blockquote>
      }
    >
      <Stack gap="xs">
        <Select
          label={t('social.template')}
          placeholder={t('social.templatePlaceholder')}
          data={options}
          value={templateId}
          onChange={pickTemplate}
          searchable
          clearable
          nothingFoundMessage={t('social.noTemplates')}
        />
        {templateNote && (
          <Alert color="yellow" role="status">
            {templateNote}
          </Alert>
        )}
        <Group align="flex-end" gap="xs" wrap="nowrap">
          <Textarea
            ref={area}
            label={t('social.answer')}
            description={t('social.plainLanguage')}
            required
            autosize
            minRows={5}
            maxLength={MAX_REPLY_LENGTH}
            value={text}
            error={form.errors.text}
            onChange={(event) => {
              form.clear('text');
              setText(event.currentTarget.value);
            }}
            style={{ flex: 1 }}
            data-autofocus
          />
          <EmojiPicker onPick={insertEmoji} />
        </Group>
        <Text size="xs" c="dimmed" ta="right" aria-live="polite">
          {t('social.length', { count: text.length, max: MAX_REPLY_LENGTH })}
        </Text>
      </Stack>
    </FormModal>
  );
}
