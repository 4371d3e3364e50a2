import { Text, Timeline } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from './formats';
import type { RequestEvent } from './requestTypes';

/** The events of a request, oldest first, as a list; the latest one is the current step. */
export function RequestTimeline({ events, timezone }: { events: RequestEvent[]; timezone: string }) {
  const { t } = useTranslation('portal');
  const sorted = [...events].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return (
    <Timeline active={sorted.length - 1} bulletSize={18} lineWidth={3} role="list">
      {sorted.map((event, index) => (
        <Timeline.Item
          // biome-ignore lint/suspicious/noArrayIndexKey: events have no id; two may share a time and status.
          key={index}
          role="listitem"
          title={<span>{t(`requests.statuses.${event.status}`, { defaultValue: event.status })}</span>}
        >
          <Text size="sm">
            <time dateTime={event.at}>{formatDateTime(event.at, timezone)}</time>
          </Text>
          {/* The answer keeps its paragraphs and the signature its lines. */}
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
