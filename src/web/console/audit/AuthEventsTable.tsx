import { Badge, Table, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { AuthEvent, AuthEventKind } from '../../../common/auth-events';
import { useAgencyTimezone } from '../shared/agencyTime';

// The tint tells kinds apart at a glance; the label is black, as the tinted text fails WCAG AA contrast.
const KIND_COLORS: Record<AuthEventKind, string> = {
  login_succeeded: 'green',
  login_failed: 'red',
  account_locked: 'red',
  rate_limited: 'red',
  logout: 'gray',
  password_changed: 'blue',
  session_revoked: 'gray',
  two_factor_enabled: 'blue',
  two_factor_disabled: 'gray',
  two_factor_reset: 'gray',
  new_device_notice: 'orange',
  access_denied: 'red',
  session_idle: 'gray',
  reauthenticated: 'green',
  reauthentication_failed: 'red',
};

// A clipped label has no width of its own: the table squeezed it to «Включён …».
const FULL_LABEL = { label: { overflow: 'visible' } };

export function AuthEventsTable({ events }: { events: AuthEvent[] }) {
  const { t, i18n } = useTranslation('console');
  const timeZone = useAgencyTimezone();
  const dateTime = new Intl.DateTimeFormat(i18n.language, {
    dateStyle: 'medium',
    timeStyle: 'medium',
    timeZone,
  });
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th aria-sort="descending">{t('audit.at')}</Table.Th>
            <Table.Th>{t('audit.authEvents.kind')}</Table.Th>
            <Table.Th>{t('audit.authEvents.who')}</Table.Th>
            <Table.Th>{t('audit.authEvents.reason')}</Table.Th>
            <Table.Th>{t('audit.authEvents.origin')}</Table.Th>
            <Table.Th>{t('audit.authEvents.requestId')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.map((event) => (
            <Table.Tr key={event.id}>
              <Table.Td>{dateTime.format(new Date(event.at))}</Table.Td>
              <Table.Td>
                <Badge
                  color={KIND_COLORS[event.kind]}
                  variant="light"
                  c="black"
                  tt="none"
                  styles={FULL_LABEL}
                >
                  {t(`common:authEvents.${event.kind}`)}
                </Badge>
              </Table.Td>
              <Table.Td>
                {event.user ? (
                  <>
                    <Text size="sm">{event.user.name}</Text>
                    <Text size="xs" c="dimmed">
                      {event.user.email}
                    </Text>
                  </>
                ) : (
                  <Text size="sm" c="dimmed">
                    {event.email ?? t('audit.authEvents.nobody')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{reasonText(event, t)}</Text>
                {event.route && (
                  <Text size="xs" c="dimmed" ff="monospace">
                    {t('audit.authEvents.deniedAt', { method: event.method, route: event.route })}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm" ff="monospace">
                  {event.ip}
                </Text>
                <Text size="xs" c="dimmed" lineClamp={2} title={event.userAgent ?? undefined}>
                  {event.userAgent ?? '—'}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="xs" ff="monospace">
                  {event.requestId}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/**
 * A lock's reason is its length in minutes, a new-device notice's the browser and system as
 * parsed (shown as is); the others are codes of auth-events.ts.
 */
function reasonText(event: AuthEvent, t: TFunction): string {
  if (!event.reason) return '—';
  if (event.kind === 'new_device_notice') return event.reason;
  if (event.kind === 'account_locked')
    return t('audit.authEvents.lockedFor', { count: Number(event.reason) });
  return t(`audit.authEvents.reasons.${event.reason}`, { defaultValue: event.reason });
}
