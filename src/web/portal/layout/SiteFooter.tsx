import { Anchor, Container, Divider, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PortalAgency, Touchpoint, TouchpointKind } from '../../../common/types';
import { AccessibleImage } from '../../ui/accessibility';
import logoUrl from '../assets/otklik-logo.svg';
import { WorkingHoursText } from '../hours/WorkingHoursText';
import { agencyPath, SITE_PAGES } from '../navigation/siteStructure';
import { touchpointLinks } from '../touchpoints/touchpointLinks';
import classes from './SiteFooter.module.css';

const FOOTER_KINDS: readonly TouchpointKind[] = ['reception', 'phone', 'email'];

function mainContacts(touchpoints: Touchpoint[]): Touchpoint[] {
  return FOOTER_KINDS.flatMap((kind) => touchpoints.find((touchpoint) => touchpoint.kind === kind) ?? []);
}

export function SiteFooter({ agency }: { agency: PortalAgency }) {
  const { t } = useTranslation('portal');
  return (
    <footer className={classes.footer}>
      <Container size="xl" py="xl">
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="xl">
          <Stack gap={4}>
            <Text fw={700}>{agency.name}</Text>
            <Text size="sm">{agency.shortName}</Text>
          </Stack>
          <section aria-labelledby="footer-contacts">
            <h2 id="footer-contacts" className={classes.heading}>
              {t('footer.contacts')}
            </h2>
            <Stack gap={6}>
              {mainContacts(agency.touchpoints).map((touchpoint) => (
                <FooterContact key={touchpoint.id} touchpoint={touchpoint} />
              ))}
              <WorkingHoursText hours={agency.workingHours} timezone={agency.timezone} />
            </Stack>
          </section>
          <nav aria-labelledby="footer-sections">
            <h2 id="footer-sections" className={classes.heading}>
              {t('footer.sections')}
            </h2>
            <ul className={classes.links}>
              {SITE_PAGES.map((page) => (
                <li key={page.key}>
                  <Anchor component={Link} to={agencyPath(agency.slug, page.path)} className={classes.link}>
                    {t(`menu.${page.key}`)}
                  </Anchor>
                </li>
              ))}
            </ul>
          </nav>
        </SimpleGrid>
        <Divider my="lg" className={classes.divider} />
        <Group justify="space-between" gap="sm">
          <Text size="sm">
            {t('footer.copyright', { year: new Date().getFullYear(), name: agency.shortName })}
          </Text>
          <Group gap="xs" wrap="nowrap">
            <AccessibleImage src={logoUrl} alt={t('platform.logoAlt')} width={24} height={24} />
            <Text size="sm">{t('platform.poweredBy')}</Text>
          </Group>
        </Group>
      </Container>
    </footer>
  );
}

function FooterContact({ touchpoint }: { touchpoint: Touchpoint }) {
  return (
    <Text>
      <span className={classes.label}>{touchpoint.title}: </span>
      {touchpointLinks(touchpoint).map((link, index) => (
        <span key={link.text}>
          {index > 0 && ', '}
          {link.href ? (
            <Anchor href={link.href} className={classes.link}>
              {link.text}
            </Anchor>
          ) : (
            link.text
          )}
        </span>
      ))}
    </Text>
  );
}
