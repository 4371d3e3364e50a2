import { NavLink, Stack } from '@mantine/core';
import {
  type Icon,
  IconBook,
  IconBook2,
  IconBuildingCommunity,
  IconBuildingSkyscraper,
  IconBulb,
  IconCalendar,
  IconCalendarCheck,
  IconCalendarEvent,
  IconChartBar,
  IconChartDots,
  IconChecklist,
  IconClipboardCheck,
  IconFileImport,
  IconHistory,
  IconHome,
  IconHourglass,
  IconInbox,
  IconMail,
  IconMessageCircle,
  IconMessages,
  IconPhone,
  IconPlugConnected,
  IconSend,
  IconSitemap,
  IconSpeakerphone,
  IconTags,
  IconUserCircle,
  IconUsers,
  IconWorld,
  IconWorldCheck,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterLink, useLocation } from 'react-router';
import { SECTION_PATHS, type Section, visibleSections } from '../session/access';
import { useSession } from '../session/SessionContext';

export const SECTION_ICONS: Record<Section, Icon> = {
  home: IconHome,
  monitoring: IconChartBar,
  requests: IconInbox,
  imports: IconFileImport,
  kb: IconBook,
  kbFreshness: IconCalendarCheck,
  kbSearch: IconBook2,
  kbProposals: IconBulb,
  site: IconWorld,
  siteFreshness: IconWorldCheck,
  calls: IconPhone,
  clients: IconUserCircle,
  reception: IconCalendarEvent,
  mailings: IconMail,
  surveys: IconChecklist,
  feedbackActions: IconClipboardCheck,
  social: IconMessageCircle,
  posts: IconSpeakerphone,
  outbox: IconSend,
  channels: IconPlugConnected,
  agency: IconBuildingSkyscraper,
  departments: IconSitemap,
  topics: IconTags,
  touchpoints: IconMessages,
  users: IconUsers,
  calendar: IconCalendar,
  deadlines: IconHourglass,
  audit: IconHistory,
  region: IconBuildingCommunity,
  regionMonitoring: IconChartDots,
};

function isActive(pathname: string, path: string): boolean {
  return path === '/' ? pathname === '/' : pathname === path || pathname.startsWith(`${path}/`);
}

export function NavMenu() {
  const { t } = useTranslation('console');
  const session = useSession();
  const { pathname } = useLocation();
  return (
    <Stack gap={2}>
      {visibleSections(session).map((section) => {
        const Icon = SECTION_ICONS[section];
        const path = SECTION_PATHS[section];
        const active = isActive(pathname, path);
        return (
          <NavLink
            key={section}
            component={RouterLink}
            to={path}
            end={path === '/'}
            label={t(`nav.${section}`)}
            leftSection={<Icon size={18} aria-hidden />}
            active={active}
            // The default active colours (blue text on a blue tint, darker still on hover) miss
            // the 4.5:1 contrast: dark blue text on a light tint in both states.
            style={{
              '--nl-color': 'var(--mantine-color-blue-9)',
              '--nl-bg': 'var(--mantine-color-blue-0)',
              '--nl-hover': 'var(--mantine-color-blue-1)',
            }}
            aria-current={active ? 'page' : undefined}
          />
        );
      })}
    </Stack>
  );
}
