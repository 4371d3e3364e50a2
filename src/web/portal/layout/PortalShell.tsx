import { Container, Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AccessibilitySettingsPanel, AccessibilityToggleButton } from '../../ui/accessibility';
import { SkipLink } from '../../ui/SkipLink';
import classes from './PortalShell.module.css';

export const MAIN_ID = 'main';

interface Props {
  /** The site name, home button and menu of the current site. */
  header: ReactNode;
  footer: ReactNode;
  children: ReactNode;
}

/**
 * The frame of every portal page: skip link, the «Версия для слабовидящих» bar, header, main and
 * footer landmarks. Each page supplies its own <h1>.
 */
export function PortalShell({ header, footer, children }: Props) {
  const { t } = useTranslation('portal');
  return (
    <div className={classes.page}>
      <SkipLink targetId={MAIN_ID}>{t('skipLink')}</SkipLink>
      <header className={classes.header}>
        <div className={classes.utilityBar}>
          <Container size="xl" py={6}>
            <Group justify="space-between" gap="xs">
              <Text size="sm">{t('header.officialSite')}</Text>
              <AccessibilityToggleButton />
            </Group>
          </Container>
        </div>
        <AccessibilitySettingsPanel />
        {header}
      </header>
      <main id={MAIN_ID} tabIndex={-1} className={classes.main}>
        <Container size="xl" py="xl">
          {children}
        </Container>
      </main>
      {footer}
    </div>
  );
}
