import { AppShell, Burger, Group, ScrollArea, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation } from 'react-router';
import { NotificationBell } from '../notifications/NotificationBell';
import { useSession } from '../session/SessionContext';
import { AgencySwitcher } from './AgencySwitcher';
import { LanguageSwitch } from './LanguageSwitch';
import { NavMenu } from './NavMenu';
import { SkipLink } from './SkipLink';
import { UserMenu } from './UserMenu';

export const MAIN_CONTENT_ID = 'main-content';

export function ConsoleShell() {
  const { t } = useTranslation('console');
  const session = useSession();
  const location = useLocation();
  const [navOpened, nav] = useDisclosure(false);
  const current = session.agencies.find((agency) => agency.slug === session.currentAgency);

  // On a phone the navbar overlays the page: close it once the user has picked a section.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on navigation only
  useEffect(() => nav.close(), [location.pathname]);

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 260, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
      padding="lg"
    >
      <SkipLink targetId={MAIN_CONTENT_ID} />
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={navOpened}
              onClick={nav.toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t(navOpened ? 'shell.closeMenu' : 'shell.openMenu')}
              aria-expanded={navOpened}
            />
            <Text fw={800} fz="lg" c="blue.9">
              {t('common:productName')}
            </Text>
            {current && (
              <Text fw={500} c="dimmed" visibleFrom="xs" title={current.name}>
                {current.shortName}
              </Text>
            )}
          </Group>
          <Group gap="sm" wrap="nowrap">
            <AgencySwitcher />
            <NotificationBell />
            <LanguageSwitch />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label={t('shell.navigation')}>
        {/* The menu outgrows a laptop screen: it scrolls on its own, the page stays put. */}
        <AppShell.Section grow component={ScrollArea}>
          <NavMenu />
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main id={MAIN_CONTENT_ID} tabIndex={-1} style={{ outline: 'none' }}>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
