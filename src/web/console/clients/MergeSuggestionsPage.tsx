import { Anchor, Badge, Button, Group, Paper, Radio, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconArrowLeft, IconArrowsJoin } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ClientSummary, MergeSuggestion } from '../../../common/clients';
import { EmptyMessage } from '../shared/EmptyMessage';
import { FormModal } from '../shared/FormModal';
import { PageHeader } from '../shared/PageHeader';
import { QueryStatus } from '../shared/QueryStatus';
import { useSaveForm } from '../shared/useSaveForm';
import { useMerge, useMergeSuggestions } from './clientQueries';

/** Pairs that look like one person: a shared contact, or the same name at the same address. */
export function MergeSuggestionsPage() {
  const { t } = useTranslation('console');
  const suggestions = useMergeSuggestions();
  const [merging, setMerging] = useState<MergeSuggestion | null>(null);
  return (
    <>
      <Anchor component={Link} to="/clients" size="sm" mb="sm" display="inline-flex">
        <Group gap={4} component="span">
          <IconArrowLeft size={14} aria-hidden />
          {t('clients.back')}
        </Group>
      </Anchor>
      <PageHeader title={t('clients.merge.title')} description={t('clients.merge.description')} />
      <QueryStatus query={suggestions} rows={4} />
      {suggestions.data?.length === 0 && <EmptyMessage title={t('clients.merge.empty')} />}
      <Stack role="list">
        {suggestions.data?.map((s) => (
          <Paper key={`${s.left.id}:${s.right.id}`} withBorder p="md" radius="md" role="listitem">
            <Group gap="xs" mb="sm">
              {s.reasons.map((r) => (
                <Badge key={`${r.kind}:${r.value}`} variant="light" color="blue.9" tt="none">
                  {t(`clients.merge.reasons.${r.kind}`)}: {r.value}
                </Badge>
              ))}
            </Group>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <ClientBrief client={s.left} />
              <ClientBrief client={s.right} />
            </SimpleGrid>
            <Button
              mt="sm"
              variant="light"
              leftSection={<IconArrowsJoin size={16} aria-hidden />}
              onClick={() => setMerging(s)}
            >
              {t('clients.merge.action')}
            </Button>
          </Paper>
        ))}
      </Stack>
      {merging && <MergeModal suggestion={merging} onClose={() => setMerging(null)} />}
    </>
  );
}

function ClientBrief({ client }: { client: ClientSummary }) {
  return (
    <div>
      <Anchor component={Link} to={`/clients/${client.id}`} fw={600}>
        {client.name}
      </Anchor>
      <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
        {[client.organisationName, client.email, client.phone].filter(Boolean).join(' · ')}
      </Text>
    </div>
  );
}

function MergeModal({ suggestion, onClose }: { suggestion: MergeSuggestion; onClose: () => void }) {
  const { t } = useTranslation('console');
  const [survivorId, setSurvivorId] = useState(suggestion.left.id);
  const form = useSaveForm({
    mutation: useMerge(),
    fields: ['mergedId'],
    onSaved: onClose,
    savedMessage: () => t('clients.merge.done'),
  });
  const mergedId = survivorId === suggestion.left.id ? suggestion.right.id : suggestion.left.id;
  const label = (c: ClientSummary) => [c.name, c.email, c.phone].filter(Boolean).join(' · ');
  return (
    <FormModal
      title={t('clients.merge.action')}
      onClose={onClose}
      onSubmit={() => form.submit({}, { survivorId, mergedId })}
      formError={form.formError ?? form.errors.mergedId ?? null}
      pending={form.pending}
      submitLabel={t('clients.merge.confirm')}
      intro={<Text>{t('clients.merge.intro')}</Text>}
    >
      <Radio.Group label={t('clients.merge.survivor')} value={survivorId} onChange={setSurvivorId}>
        <Stack gap="xs" mt="xs">
          <Radio value={suggestion.left.id} label={label(suggestion.left)} />
          <Radio value={suggestion.right.id} label={label(suggestion.right)} />
        </Stack>
      </Radio.Group>
    </FormModal>
  );
}
