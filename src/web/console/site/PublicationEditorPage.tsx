import {
  Alert,
  Anchor,
  Button,
  FileInput,
  Group,
  List,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ACCEPT, checkFiles, sizeText } from '../../../common/attachments';
import { RichBody } from '../kb/RichBody';
import { DateTimeField } from '../shared/dates';
import { PageHeader } from '../shared/PageHeader';
import { QueryStatus } from '../shared/QueryStatus';
import { ImageAltText, isImageFile, MissingAltBadge } from './ImageAltText';
import { intervalError, ResponsibleSelect, ReviewIntervalInput } from './ReviewFields';
import {
  type PublicationInput,
  type SiteFile,
  type SitePublication,
  siteFileUrl,
  useDisclosure,
  usePublicationAction,
  useSavePublication,
  useSitePublication,
  useSiteSections,
  useUploadSiteFiles,
} from './siteQueries';

const EMPTY: PublicationInput = {
  sectionId: '',
  title: '',
  summary: '',
  body: '',
  disclosureItem: null,
  responsibleUserId: null,
  reviewIntervalDays: 90,
};

/** What the form edits of a loaded publication: the API takes these fields and refuses others. */
const inputOf = (publication: SitePublication): PublicationInput => ({
  sectionId: publication.sectionId,
  title: publication.title,
  summary: publication.summary,
  body: publication.body,
  disclosureItem: publication.disclosureItem,
  responsibleUserId: publication.responsibleUserId,
  reviewIntervalDays: publication.reviewIntervalDays,
});

/** Files of a saved publication; their text is found by the site search. */
function PublicationFiles({ id, files }: { id: string; files: SiteFile[] }) {
  const { t } = useTranslation('console');
  const upload = useUploadSiteFiles(id);
  const [error, setError] = useState<string | null>(null);
  const attach = (chosen: File[]) => {
    setError(null);
    const problem = checkFiles(chosen);
    if (problem) return setError(t(`attachments.errors.${problem.key}`, problem.values));
    upload.mutate(chosen, { onError: (failure) => setError(failure.message) });
  };
  return (
    <Stack gap="xs">
      <List aria-label={t('site.files')}>
        {files.map((file) => (
          <List.Item key={file.id}>
            <Anchor href={siteFileUrl(id, file.id)} download={file.fileName}>
              {file.fileName}
            </Anchor>{' '}
            <Text span c="dimmed" size="sm">
              {sizeText(file.size)}
            </Text>{' '}
            {isImageFile(file) && !file.altText && <MissingAltBadge />}
            {isImageFile(file) && <ImageAltText publicationId={id} file={file} />}
          </List.Item>
        ))}
      </List>
      <FileInput
        label={t('site.upload')}
        description={t('attachments.hint')}
        multiple
        accept={ACCEPT}
        value={[]}
        onChange={attach}
        error={error}
        disabled={upload.isPending}
        clearable={false}
      />
    </Stack>
  );
}

/** A publication or page of the site: its text, files and publishing (now or scheduled). */
export function PublicationEditorPage() {
  const { t } = useTranslation('console');
  const { id } = useParams();
  const navigate = useNavigate();
  const existing = useSitePublication(id);
  const sections = useSiteSections();
  const disclosure = useDisclosure();
  const save = useSavePublication(id);
  const action = usePublicationAction(id ?? '');
  const [form, setForm] = useState<PublicationInput>(EMPTY);
  const [publishAt, setPublishAt] = useState('');
  const [interval, setInterval] = useState<number | string>(EMPTY.reviewIntervalDays);
  const [intervalIssue, setIntervalIssue] = useState<string | null>(null);
  const loaded = existing.data;
  useEffect(() => {
    if (!loaded) return;
    setForm(inputOf(loaded));
    setInterval(loaded.reviewIntervalDays);
  }, [loaded]);
  const set = <K extends keyof PublicationInput>(key: K, value: PublicationInput[K]) =>
    setForm((current) => ({ ...current, [key]: value }));

  if (id && !loaded) return <QueryStatus query={existing} />;
  const error = save.error ?? action.error;

  return (
    <>
      <PageHeader title={loaded ? loaded.title : t('site.create')} />
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const problem = intervalError(interval, t);
          setIntervalIssue(problem);
          if (problem) return;
          save.mutate(
            { ...form, reviewIntervalDays: Number(interval) },
            { onSuccess: (saved) => !id && navigate(`/site/${saved.id}`) },
          );
        }}
      >
        <Stack gap="md" maw={900}>
          {error && (
            <Alert color="red" role="alert">
              {error.message}
            </Alert>
          )}
          {loaded && (
            <Text>
              {t('site.fields.state')}: <strong>{t(`site.states.${loaded.state}`)}</strong>
            </Text>
          )}
          <Select
            label={t('site.fields.section')}
            required
            data={(sections.data ?? []).map((s) => ({ value: s.id, label: s.title }))}
            value={form.sectionId || null}
            onChange={(value) => set('sectionId', value ?? '')}
          />
          <TextInput
            label={t('site.fields.title')}
            required
            maxLength={300}
            value={form.title}
            onChange={(e) => set('title', e.currentTarget.value)}
          />
          <Textarea
            label={t('site.fields.summary')}
            maxLength={1000}
            autosize
            minRows={2}
            value={form.summary}
            onChange={(e) => set('summary', e.currentTarget.value)}
          />
          <RichBody
            key={loaded?.id ?? 'new'}
            label={t('site.fields.body')}
            description={t('site.fields.bodyHint')}
            value={form.body}
            onChange={(html) => set('body', html)}
          />
          <Select
            label={t('site.fields.disclosure')}
            clearable
            searchable
            data={(disclosure.data?.items ?? []).map((item) => ({
              value: item.key,
              label: `${item.key}. ${item.text}`,
            }))}
            value={form.disclosureItem}
            onChange={(value) => set('disclosureItem', value)}
          />
          <ResponsibleSelect
            value={form.responsibleUserId}
            onChange={(value) => set('responsibleUserId', value)}
          />
          <ReviewIntervalInput
            value={interval}
            error={intervalIssue ?? undefined}
            onChange={(value) => {
              setIntervalIssue(null);
              setInterval(value);
            }}
          />
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('site.save')}
            </Button>
          </Group>
        </Stack>
      </form>
      {id && loaded && (
        <Stack gap="md" maw={900} mt="xl">
          <PublicationFiles id={id} files={loaded.attachments ?? []} />
          <Group align="flex-end">
            <Button onClick={() => action.mutate({ action: 'publish' })}>{t('site.publishNow')}</Button>
            <DateTimeField label={t('site.publishAt')} value={publishAt} onChange={setPublishAt} w={220} />
            <Button
              variant="light"
              disabled={!publishAt}
              onClick={() =>
                action.mutate({ action: 'publish', publishAt: new Date(publishAt).toISOString() })
              }
            >
              {t('site.schedule')}
            </Button>
            <Button variant="default" onClick={() => action.mutate({ action: 'unpublish' })}>
              {t('site.unpublish')}
            </Button>
            <Button variant="default" color="red" onClick={() => action.mutate({ action: 'archive' })}>
              {t('site.archive')}
            </Button>
          </Group>
        </Stack>
      )}
    </>
  );
}
