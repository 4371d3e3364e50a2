import { Anchor, Badge, Group, Text, Timeline } from '@mantine/core';
import {
  type Icon,
  IconBrandTelegram,
  IconBrandVk,
  IconBuildingCommunity,
  IconFileZip,
  IconLock,
  IconMail,
  IconMessageCircle,
  IconPhone,
  IconShieldCheck,
  IconUser,
  IconWorld,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TimelineEntry } from '../../../common/clients';
import { formatDateTime } from '../shared/agencyTime';

// By channel first: the question staff ask of a timeline is «where did this person reach us».
const CHANNEL_ICONS: Record<string, Icon> = {
  portal: IconWorld,
  email: IconMail,
  telegram: IconBrandTelegram,
  vk: IconBrandVk,
  ok: IconMessageCircle,
  phone: IconPhone,
  consult_line: IconPhone,
  reception: IconBuildingCommunity,
  staff: IconUser,
};
const KIND_ICONS: Record<string, Icon> = { consent: IconShieldCheck, history_export: IconFileZip };

function EntryTitle({ entry }: { entry: TimelineEntry }) {
  const { t } = useTranslation('console');
  const status = entry.status ? t(`common:requestStatuses.${entry.status}`, { defaultValue: '' }) : '';
  // Requests are labelled in the console's language; other sources bring their own (Russian) title,
  // the same words the client reads in the exported PDF.
  const label =
    entry.kind === 'request' || entry.kind === 'request_event'
      ? t(`clients.timeline.${entry.kind}`, { number: entry.requestNumber, status })
      : entry.title;
  return entry.requestId ? (
    <Anchor component={Link} to={`/requests/${entry.requestId}`} fw={600}>
      {label}
    </Anchor>
  ) : (
    <Text fw={600} component="span">
      {label}
    </Text>
  );
}

/** One client's interactions across channels, newest first (seed 004 p. 4). */
export function ClientTimeline({ entries, timezone }: { entries: TimelineEntry[]; timezone?: string }) {
  const { t, i18n } = useTranslation('console');
  if (entries.length === 0) return <Text c="dimmed">{t('clients.timeline.empty')}</Text>;
  return (
    <Timeline bulletSize={26} lineWidth={2} role="list">
      {entries.map((entry, index) => {
        const Glyph = KIND_ICONS[entry.kind] ?? CHANNEL_ICONS[entry.channel] ?? IconMessageCircle;
        return (
          <Timeline.Item
            // biome-ignore lint/suspicious/noArrayIndexKey: entries come from several sources without one id.
            key={index}
            role="listitem"
            bullet={<Glyph size={14} aria-hidden />}
            title={<EntryTitle entry={entry} />}
          >
            <Group gap="xs">
              <Text size="sm" c="dimmed">
                <time dateTime={entry.at}>{formatDateTime(entry.at, i18n.language, timezone)}</time>
              </Text>
              <Text size="sm" c="dimmed">
                · {t(`clients.channels.${entry.channel}`, { defaultValue: entry.channel })}
              </Text>
              {entry.internal && (
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
            {entry.detail && (
              <Text
                mt={4}
                size="sm"
                lineClamp={4}
                style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
              >
                {entry.detail}
              </Text>
            )}
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}
