import { ActionIcon, Indicator, Menu, Text } from '@mantine/core';
import { IconAlertTriangle, IconBell, IconClock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { formatDateTime, useAgencyTimezone } from '../shared/agencyTime';
import { useMarkRead, useNotifications } from './notificationQueries';

/** Deadline reminders and escalations of the current agency (issue 4 p. 5), newest first. */
export function NotificationBell() {
  const { t, i18n } = useTranslation('console');
  const notifications = useNotifications();
  const markRead = useMarkRead();
  const navigate = useNavigate();
  const unread = notifications.data?.unread ?? 0;
  const items = notifications.data?.items ?? [];
  // In the agency's time zone, like every other date in the console.
  const timezone = useAgencyTimezone();

  return (
    // The indicator wraps the whole menu, so the menu's aria-haspopup/aria-expanded land on the
    // button itself: on the indicator's <div> they are not allowed (axe aria-allowed-attr).
    <Indicator label={unread} size={18} disabled={unread === 0} offset={4}>
      <Menu position="bottom-end" width={360}>
        <Menu.Target>
          <ActionIcon variant="subtle" size="lg" aria-label={t('notifications.open', { count: unread })}>
            <IconBell size={22} aria-hidden />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown mah={480} style={{ overflowY: 'auto' }}>
          <Menu.Label>{t('notifications.title')}</Menu.Label>
          {items.length === 0 && (
            <Text size="sm" c="dimmed" px="sm" py="xs">
              {t('notifications.empty')}
            </Text>
          )}
          {items.map((item) => (
            <Menu.Item
              key={item.id}
              leftSection={
                item.kind.endsWith('_overdue') ? (
                  <IconAlertTriangle size={18} color="var(--mantine-color-red-7)" aria-hidden />
                ) : (
                  <IconClock size={18} aria-hidden />
                )
              }
              onClick={() => {
                if (!item.readAt) markRead.mutate(item.id);
                if (item.link) navigate(item.link);
              }}
            >
              <Text size="sm" fw={item.readAt ? 400 : 700}>
                {item.title}
              </Text>
              <Text size="xs" c="dimmed">
                {formatDateTime(item.createdAt, i18n.language, timezone)}
              </Text>
            </Menu.Item>
          ))}
          {unread > 0 && (
            <>
              <Menu.Divider />
              <Menu.Item onClick={() => markRead.mutate('all')}>{t('notifications.readAll')}</Menu.Item>
            </>
          )}
        </Menu.Dropdown>
      </Menu>
    </Indicator>
  );
}
