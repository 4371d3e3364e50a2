import { Badge, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Topic, TypicalNeed } from '../../../common/classification';
import { ConsoleModal } from '../shared/ConsoleModal';
import { describeError } from '../shared/describeError';
import { useSaveNeed } from './classificationQueries';

interface NeedsModalProps {
  topic: Topic | null;
  editable: boolean;
  onClose: () => void;
}

/** The typical needs of one topic (seed 003 p. 9.1): add, rename, archive and restore. */
export function NeedsModal({ topic, editable, onClose }: NeedsModalProps) {
  const { t } = useTranslation('console');
  if (!topic) return null;
  return (
    <ConsoleModal
      opened
      onClose={onClose}
      title={t('classification.needsOf', { topic: topic.name })}
      size="lg"
    >
      <Stack gap="sm">
        {topic.needs.length === 0 && <Text c="dimmed">{t('classification.emptyNeeds')}</Text>}
        {topic.needs.map((need) => (
          <NeedRow key={`${need.id}-${need.name}`} need={need} editable={editable} />
        ))}
        {editable && <NewNeed topicId={topic.id} />}
      </Stack>
    </ConsoleModal>
  );
}

function useNeedSave() {
  const { t } = useTranslation();
  const save = useSaveNeed();
  const [error, setError] = useState<string | null>(null);
  const run = (input: Parameters<typeof save.mutate>[0], onDone?: () => void) => {
    setError(null);
    save.mutate(input, {
      onSuccess: () => {
        notifications.show({ color: 'green', message: t('state.saved') });
        onDone?.();
      },
      onError: (failure) => setError(describeError(failure, t)),
    });
  };
  return { run, error, pending: save.isPending };
}

function NeedRow({ need, editable }: { need: TypicalNeed; editable: boolean }) {
  const { t } = useTranslation('console');
  const [name, setName] = useState(need.name);
  const save = useNeedSave();
  const changed = name.trim() !== need.name && name.trim() !== '';
  if (!editable) {
    return (
      <Group gap="xs">
        <Text>{need.name}</Text>
        {need.archived && <Badge color="gray">{t('classification.archived')}</Badge>}
      </Group>
    );
  }
  return (
    <Group gap="xs" align="flex-start" wrap="nowrap">
      <TextInput
        flex={1}
        aria-label={t('classification.needName')}
        value={name}
        error={save.error}
        onChange={(event) => setName(event.currentTarget.value)}
        rightSection={need.archived ? <Badge color="gray">{t('classification.archived')}</Badge> : null}
        rightSectionWidth={need.archived ? 90 : undefined}
      />
      {changed && (
        <Button
          variant="light"
          loading={save.pending}
          onClick={() => save.run({ id: need.id, topicId: need.topicId, name: name.trim() })}
        >
          {t('common:actions.save')}
        </Button>
      )}
      <Button
        variant="subtle"
        aria-label={`${t(need.archived ? 'classification.restore' : 'classification.archive')}: ${need.name}`}
        onClick={() => save.run({ id: need.id, topicId: need.topicId, archived: !need.archived })}
      >
        {t(need.archived ? 'classification.restore' : 'classification.archive')}
      </Button>
    </Group>
  );
}

function NewNeed({ topicId }: { topicId: string }) {
  const { t } = useTranslation('console');
  const [name, setName] = useState('');
  const save = useNeedSave();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return;
    save.run({ topicId, name: name.trim() }, () => setName(''));
  };
  return (
    <form onSubmit={submit}>
      <Group gap="xs" align="flex-start" wrap="nowrap">
        <TextInput
          flex={1}
          label={t('classification.addNeed')}
          value={name}
          error={save.error}
          onChange={(event) => setName(event.currentTarget.value)}
        />
        <Button type="submit" mt={25} loading={save.pending} disabled={!name.trim()}>
          {t('common:actions.add')}
        </Button>
      </Group>
    </form>
  );
}
