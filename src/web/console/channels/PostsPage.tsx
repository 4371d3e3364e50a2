import { Button, Card, Checkbox, Group, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, useAgencyTimezone } from '../shared/agencyTime';
import { describeError } from '../shared/describeError';
import { EmptyMessage } from '../shared/EmptyMessage';
import { PageFooter } from '../shared/PageFooter';
import { PageHeader } from '../shared/PageHeader';
import { QueryStatus } from '../shared/QueryStatus';
import { EmojiPicker } from '../social/EmojiPicker';
import { usePosts, usePostTargets, usePublish, useRetryDelivery } from './channelQueries';
import type { ChannelPost } from './channelTypes';
import { NetworkBadge, OutboundStatusBadge } from './NetworkBadge';

const MAX_POST_LENGTH = 4000;

/** Seed 001 p. 6.1: the agency posts to its Telegram channel, VK wall and OK group at once. */
export function PostsPage() {
  const { t } = useTranslation('console');
  const [page, setPage] = useState(1);
  const posts = usePosts(page);
  return (
    <>
      <PageHeader title={t('nav.posts')} description={t('posts.description')} />
      <Composer />
      <QueryStatus query={posts} rows={4} />
      {posts.data?.items.length === 0 && <EmptyMessage title={t('posts.empty')} />}
      {posts.data && posts.data.items.length > 0 && (
        <Stack mt="lg">
          {posts.data.items.map((post) => (
            <PostCard key={post.id} post={post} />
          ))}
          <PageFooter total={posts.data.total} pages={posts.data.pages} page={page} onPage={setPage} />
        </Stack>
      )}
    </>
  );
}

function Composer() {
  const { t } = useTranslation('console');
  const targets = usePostTargets();
  const publish = usePublish();
  const [text, setText] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [errors, setErrors] = useState<{ text?: string; accountIds?: string; form?: string }>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = {
      ...(text.trim() ? {} : { text: t('posts.textRequired') }),
      ...(chosen.length ? {} : { accountIds: t('posts.accountsRequired') }),
    };
    setErrors(found);
    if (Object.keys(found).length) return;
    publish.mutate(
      { text: text.trim(), accountIds: chosen },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t('posts.published') });
          setText('');
          setChosen([]);
        },
        onError: (error) => {
          const message = describeError(error, t);
          const field = (error as { field?: string }).field ?? '';
          setErrors(
            field.startsWith('body.text')
              ? { text: message }
              : field.startsWith('body.accountIds')
                ? { accountIds: message }
                : { form: message },
          );
        },
      },
    );
  };

  return (
    <Card withBorder component="form" onSubmit={submit} noValidate>
      <Stack>
        {errors.form && (
          <Text c="red.9" role="alert">
            {errors.form}
          </Text>
        )}
        <Group align="flex-end" gap="xs" wrap="nowrap">
          <Textarea
            label={t('posts.text')}
            required
            autosize
            minRows={4}
            maxLength={MAX_POST_LENGTH}
            value={text}
            error={errors.text}
            onChange={(event) => setText(event.currentTarget.value)}
            style={{ flex: 1 }}
          />
          <EmojiPicker onPick={(emoji) => setText((current) => current + emoji)} />
        </Group>
        <Checkbox.Group
          label={t('posts.accounts')}
          value={chosen}
          onChange={setChosen}
          error={errors.accountIds}
          required
        >
          <Group mt="xs">
            {(targets.data ?? []).map((target) => (
              <Checkbox
                key={target.id}
                value={target.id}
                label={`${t(`channels.networks.${target.network}`)}: ${target.title}`}
              />
            ))}
          </Group>
          {targets.data?.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('posts.noAccounts')}
            </Text>
          )}
        </Checkbox.Group>
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            {t('social.length', { count: text.length, max: MAX_POST_LENGTH })}
          </Text>
          <Button type="submit" loading={publish.isPending}>
            {t('posts.publish')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function PostCard({ post }: { post: ChannelPost }) {
  const { t, i18n } = useTranslation('console');
  const timezone = useAgencyTimezone();
  const retry = useRetryDelivery();
  return (
    <Card withBorder>
      <Text size="xs" c="dimmed" mb={4}>
        <time dateTime={post.createdAt}>{formatDateTime(post.createdAt, i18n.language, timezone)}</time>
      </Text>
      <Text style={{ whiteSpace: 'pre-wrap' }} mb="sm">
        {post.text}
      </Text>
      <Stack gap="xs">
        {post.deliveries.map((delivery) => (
          <Group key={delivery.id} gap="sm" wrap="wrap">
            <NetworkBadge network={delivery.network} />
            <Text size="sm">{delivery.accountTitle}</Text>
            {delivery.status && <OutboundStatusBadge status={delivery.status} />}
            {delivery.lastError && (
              <Text size="xs" c="red.9">
                {delivery.lastError}
              </Text>
            )}
            {(delivery.status === 'failed' || delivery.status === 'uncertain') && (
              <Button
                size="xs"
                variant="default"
                loading={retry.isPending && retry.variables?.deliveryId === delivery.id}
                aria-label={t('posts.retryTo', { title: delivery.accountTitle })}
                onClick={() =>
                  retry.mutate(
                    { postId: post.id, deliveryId: delivery.id },
                    {
                      onError: (error) =>
                        notifications.show({ color: 'red', message: describeError(error, t) }),
                    },
                  )
                }
              >
                {t('outbox.retry')}
              </Button>
            )}
          </Group>
        ))}
      </Stack>
    </Card>
  );
}
