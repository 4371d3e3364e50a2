import { Alert, Button, Group, Select, Stack, TagsInput, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import {
  KB_KINDS,
  KB_MAX_TAGS,
  type KbKind,
  type KbVisibility,
  PUBLISHABLE_KINDS,
  SCRIPT_STAGES,
  type ScriptStage,
} from '../../../common/kb';
import { validateRequired } from '../auth/validation';
import { DetailPage } from '../shared/DetailPage';
import { collectErrors, splitApiError } from '../shared/fieldErrors';
import { PageHeader } from '../shared/PageHeader';
import { useFieldErrors } from '../shared/useFieldErrors';
import { type Article, useArticle, useSaveArticle, useSections } from './kbQueries';
import { RichBody } from './RichBody';
import { TemplateFields } from './TemplateFields';

const FIELDS = [
  'sectionId',
  'kind',
  'title',
  'body',
  'shortBody',
  'scriptStage',
  'tags',
  'visibility',
  'note',
];

/** `/kb/articles/new` and `/kb/articles/:id/edit`. */
export function ArticleEditorPage() {
  const { t } = useTranslation('console');
  const { id } = useParams();
  if (!id) return <ArticleForm article={null} />;
  return <ExistingArticleForm id={id} notFound={t('kb.article.notFound')} />;
}

function ExistingArticleForm({ id, notFound }: { id: string; notFound: string }) {
  const { t } = useTranslation('console');
  const article = useArticle(id);
  return (
    <DetailPage
      query={article}
      back={{ to: `/kb/articles/${id}`, label: t('kb.editor.backToArticle') }}
      title={t('kb.editor.editTitle')}
      notFoundTitle={notFound}
    >
      {(data) => <ArticleForm article={data} />}
    </DetailPage>
  );
}

function ArticleForm({ article }: { article: Article | null }) {
  const { t } = useTranslation('console');
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const sections = useSections();
  const save = useSaveArticle();
  const { errors, setErrors, clear } = useFieldErrors();
  const [formError, setFormError] = useState<string | null>(null);
  const [sectionId, setSectionId] = useState<string | null>(article?.sectionId ?? search.get('sectionId'));
  const [kind, setKind] = useState<KbKind>(article?.kind ?? 'faq');
  const [title, setTitle] = useState(article?.title ?? '');
  const [body, setBody] = useState(article?.body ?? '');
  const [shortBody, setShortBody] = useState(article?.shortBody ?? '');
  const [scriptStage, setScriptStage] = useState<ScriptStage | null>(article?.scriptStage ?? null);
  const [tags, setTags] = useState<string[]>(article?.tags ?? []);
  const [visibility, setVisibility] = useState<KbVisibility>(article?.visibility ?? 'internal');
  const [note, setNote] = useState('');
  const publishable = PUBLISHABLE_KINDS.includes(kind);
  // A section one may not write in is not offered, except the article's own.
  const sectionOptions = (sections.data ?? [])
    .filter((section) => section.canEdit || section.id === article?.sectionId)
    .map((section) => ({ value: section.id, label: section.title }));

  const submit = () => {
    const found = collectErrors({
      title: validateRequired(title, t),
      sectionId: sectionId ? null : t('validation.required', { ns: 'common' }),
    });
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length > 0 || !sectionId) return;
    const input = {
      sectionId,
      title: title.trim(),
      body,
      shortBody: kind === 'template' ? shortBody : null,
      scriptStage: kind === 'call_script' ? scriptStage : null,
      tags,
      visibility: publishable ? visibility : 'internal',
      note: note.trim() || null,
    };
    save.mutate(article ? { id: article.id, ...input } : { ...input, kind }, {
      onSuccess: (saved) => {
        notifications.show({ color: 'green', message: t('kb.editor.saved', { version: saved.version }) });
        navigate(`/kb/articles/${saved.id}`);
      },
      onError: (error) => {
        const split = splitApiError(error, FIELDS, t);
        setErrors(split.fields);
        setFormError(split.form);
      },
    });
  };

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <Stack maw={960}>
        <PageHeader title={t(article ? 'kb.editor.editTitle' : 'kb.editor.newTitle')} />
        {formError && (
          <Alert color="red" role="alert">
            {formError}
          </Alert>
        )}
        <Group grow align="flex-start">
          <Select
            label={t('kb.editor.section')}
            required
            data={sectionOptions}
            value={sectionId}
            onChange={(value) => {
              clear('sectionId');
              setSectionId(value);
            }}
            error={errors.sectionId}
            searchable
            allowDeselect={false}
          />
          <Select
            label={t('kb.editor.kind')}
            description={article ? t('kb.editor.kindFixed') : undefined}
            required
            disabled={article !== null}
            data={KB_KINDS.map((value) => ({ value, label: t(`kb.kinds.${value}`) }))}
            value={kind}
            onChange={(value) => value && setKind(value as KbKind)}
            error={errors.kind}
            allowDeselect={false}
          />
        </Group>
        <TextInput
          label={t('kb.editor.title')}
          required
          maxLength={300}
          value={title}
          error={errors.title}
          onChange={(event) => {
            clear('title');
            setTitle(event.currentTarget.value);
          }}
          data-autofocus
        />
        {kind === 'call_script' && (
          <Select
            label={t('kb.editor.scriptStage')}
            required
            data={SCRIPT_STAGES.map((value) => ({ value, label: t(`kb.stages.${value}`) }))}
            value={scriptStage}
            onChange={(value) => {
              clear('scriptStage');
              setScriptStage(value as ScriptStage | null);
            }}
            error={errors.scriptStage}
          />
        )}
        {kind === 'template' ? (
          <TemplateFields
            body={body}
            shortBody={shortBody}
            onBody={(value) => {
              clear('body');
              setBody(value);
            }}
            onShortBody={setShortBody}
            errors={{ body: errors.body, shortBody: errors.shortBody }}
          />
        ) : (
          <RichBody
            label={t('kb.editor.body')}
            description={t('kb.editor.bodyHint')}
            value={body}
            onChange={(value) => {
              clear('body');
              setBody(value);
            }}
            error={errors.body}
          />
        )}
        <TagsInput
          label={t('kb.editor.tags')}
          description={t('kb.editor.tagsHint', { max: KB_MAX_TAGS })}
          value={tags}
          onChange={setTags}
          maxTags={KB_MAX_TAGS}
          error={errors.tags}
          clearable
        />
        {publishable && (
          <Select
            label={t('kb.editor.visibility')}
            data={(['internal', 'public'] as const).map((value) => ({
              value,
              label: t(`kb.visibility.${value}`),
            }))}
            value={visibility}
            onChange={(value) => value && setVisibility(value as KbVisibility)}
            error={errors.visibility}
            allowDeselect={false}
          />
        )}
        <TextInput
          label={t('kb.editor.note')}
          description={t('kb.editor.noteHint')}
          maxLength={500}
          value={note}
          error={errors.note}
          onChange={(event) => setNote(event.currentTarget.value)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={() => navigate(article ? `/kb/articles/${article.id}` : '/kb')}>
            {t('common:actions.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('common:actions.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
