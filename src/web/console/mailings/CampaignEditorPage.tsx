import { Alert, Button, Checkbox, Group, Stack, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconSend, IconTestPipe } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { Campaign } from '../../../common/mailings';
import { RichBody } from '../kb/RichBody';
import { localInputToIso } from '../requests/localTime';
import { useAgencyTimezone } from '../shared/agencyTime';
import { DateTimeField } from '../shared/dates';
import { describeError } from '../shared/describeError';
import { PageHeader } from '../shared/PageHeader';
import { QueryStatus } from '../shared/QueryStatus';
import { useSaveForm } from '../shared/useSaveForm';
import { CampaignPreview } from './CampaignPreview';
import {
  useCampaign,
  useCampaignAction,
  useMailingTopics,
  useSaveCampaign,
  useTestSend,
} from './mailingQueries';

const FIELDS = ['subject', 'fromName', 'html', 'text', 'topicIds'] as const;

function CampaignForm({ campaign }: { campaign: Campaign | null }) {
  const { t } = useTranslation('console');
  const navigate = useNavigate();
  const timezone = useAgencyTimezone() ?? 'Europe/Moscow';
  const topics = useMailingTopics();
  const live = (topics.data ?? []).filter((topic) => !topic.archived);
  const [subject, setSubject] = useState(campaign?.subject ?? '');
  const [fromName, setFromName] = useState(campaign?.fromName ?? '');
  const [html, setHtml] = useState(campaign?.html ?? '');
  const [text, setText] = useState(campaign?.text ?? '');
  const [topicIds, setTopicIds] = useState<string[]>(campaign?.topicIds ?? []);
  const [at, setAt] = useState('');
  const editable = !campaign || campaign.status === 'draft';
  const form = useSaveForm({
    mutation: useSaveCampaign(),
    fields: FIELDS,
    onSaved: (saved) => navigate(`/mailings/campaigns/${saved.id}`, { replace: true }),
  });
  const testSend = useTestSend();
  const act = useCampaignAction();

  const save = () => {
    const found: Record<string, string> = {};
    if (!subject.trim()) found.subject = t('mailings.editor.subjectRequired');
    if (!text.trim()) found.text = t('mailings.editor.textRequired');
    if (topicIds.length === 0) found.topicIds = t('mailings.editor.topicsRequired');
    form.submit(found, { id: campaign?.id, subject, fromName, html, text, topicIds });
  };
  const notifyError = (error: Error) =>
    notifications.show({ color: 'red', message: describeError(error, t) });
  const send = (when?: string) =>
    campaign &&
    act.mutate(
      { id: campaign.id, action: 'send', at: when },
      {
        onSuccess: () => {
          notifications.show({
            color: 'green',
            message: t(when ? 'mailings.editor.scheduled' : 'mailings.editor.started'),
          });
          navigate('/mailings');
        },
        onError: notifyError,
      },
    );

  return (
    <Stack gap="md" maw="56rem">
      {form.formError && <Alert color="red">{form.formError}</Alert>}
      <TextInput
        label={t('mailings.editor.subject')}
        required
        maxLength={300}
        readOnly={!editable}
        value={subject}
        error={form.errors.subject}
        onChange={(event) => setSubject(event.currentTarget.value)}
      />
      <TextInput
        label={t('mailings.editor.fromName')}
        description={t('mailings.editor.fromNameHint')}
        maxLength={100}
        readOnly={!editable}
        value={fromName}
        error={form.errors.fromName}
        onChange={(event) => setFromName(event.currentTarget.value)}
      />
      <Checkbox.Group
        label={t('mailings.editor.topics')}
        required
        value={topicIds}
        onChange={editable ? setTopicIds : undefined}
        error={form.errors.topicIds}
      >
        <Group mt="xs">
          {live.map((topic) => (
            <Checkbox key={topic.id} value={topic.id} label={topic.title} disabled={!editable} />
          ))}
        </Group>
      </Checkbox.Group>
      {editable && (
        <RichBody
          label={t('mailings.editor.html')}
          description={t('mailings.editor.htmlHint')}
          value={html}
          onChange={setHtml}
          error={form.errors.html}
        />
      )}
      <Textarea
        label={t('mailings.editor.text')}
        description={t('mailings.editor.textHint')}
        required
        autosize
        minRows={4}
        readOnly={!editable}
        value={text}
        error={form.errors.text}
        onChange={(event) => setText(event.currentTarget.value)}
      />
      <CampaignPreview subject={subject} html={html} />
      {editable && (
        <Group>
          <Button onClick={save} loading={form.pending}>
            {t('mailings.editor.save')}
          </Button>
          {campaign && (
            <>
              <Button
                variant="default"
                leftSection={<IconTestPipe size={16} aria-hidden />}
                loading={testSend.isPending}
                onClick={() =>
                  testSend.mutate(campaign.id, {
                    onSuccess: ({ to }) =>
                      notifications.show({ color: 'green', message: t('mailings.editor.testSent', { to }) }),
                    onError: notifyError,
                  })
                }
              >
                {t('mailings.editor.test')}
              </Button>
              <Button
                color="teal"
                leftSection={<IconSend size={16} aria-hidden />}
                onClick={() => send()}
                loading={act.isPending}
              >
                {t('mailings.editor.sendNow')}
              </Button>
            </>
          )}
        </Group>
      )}
      {editable && campaign && (
        <Group align="flex-end">
          <DateTimeField label={t('mailings.editor.scheduleAt')} value={at} onChange={setAt} />
          <Button variant="default" disabled={!at} onClick={() => send(localInputToIso(at, timezone))}>
            {t('mailings.editor.schedule')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

/** Compose, preview, test and send a campaign (seed 004 p. 13); sent ones are shown read-only. */
export function CampaignEditorPage() {
  const { t } = useTranslation('console');
  const { id } = useParams();
  const campaign = useCampaign(id);
  return (
    <>
      <PageHeader
        title={id ? (campaign.data?.subject ?? t('mailings.editor.title')) : t('mailings.campaigns.add')}
      />
      {id && <QueryStatus query={campaign} rows={4} />}
      {(!id || campaign.data) && (
        <CampaignForm key={campaign.data?.id ?? 'new'} campaign={campaign.data ?? null} />
      )}
    </>
  );
}
