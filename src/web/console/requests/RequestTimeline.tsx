import { Badge, Group, Text, Timeline } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../shared/agencyTime';
import type { RequestEvent } from './requestTypes';

/** The request's history, oldest first; internal events are marked as such. */
export function RequestTimeline({ events, timezone }: { events: RequestEvent[]; timezone?: string }) {
  const { t, i18n } = useTranslation('console');
  if (events.length === 0) return <Text c="dimmed">{t('requests.card.noEvents')}</Text>;
  const sorted = [...events].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return (
    <Timeline active={sorted.length - 1} bulletSize={18} lineWidth={3} role="list">
      {sorted.map((event, index) => (
        <Timeline.Item
          // biome-ignore lint/suspicious/noArrayIndexKey: events have no id; two may share a time and status.
          key={index}
          role="listitem"
          title={
            <Group gap="xs">
              <span>
                {/* A note that leaves the status as it was (classification, reassignment) is not a new stage. */}
                {index > 0 && sorted[index - 1]?.status === event.status
                  ? t('requests.card.noteEvent')
                  : t(`common:requestStatuses.${event.status}`, { defaultValue: event.status })}
              </span>
              {!event.isPublic && (
                <Badge
                  color="gray.8"
                  variant="outline"
                  size="sm"
                  tt="none"
                  leftSection={<IconLock size={12} aria-hidden />}
                >
                  {t('requests.card.internal')}
                </Badge>
              )}
            </Group>
          }
        >
          <Text size="sm" c="dimmed">
            <time dateTime={event.at}>{formatDateTime(event.at, i18n.language, timezone)}</time>
          </Text>
          {event.note && (
            <Text mt={4} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {event.note}
            </Text>
          )}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
