import { Button, Container, Group, Text, ThemeIcon } from '@mantine/core';
import { IconBuildingBank, IconHome } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PublicAgency } from '../../../common/types';
import { agencyPath } from '../navigation/siteStructure';
import { SiteSearchForm } from '../site/SiteSearchForm';
import classes from './SiteHeader.module.css';
import { SiteMenu } from './SiteMenu';

/** Seed 000 p. 4.3: the site name, the button to the home page and the menu of the site. */
export function SiteHeader({ agency }: { agency: PublicAgency }) {
  const { t } = useTranslation('portal');
  return (
    <>
      <Container size="xl" py="md">
        <Group justify="space-between" gap="md">
          <Group wrap="nowrap" gap="md" className={classes.siteName}>
            <ThemeIcon size={56} radius="md" aria-hidden="true" className={classes.emblem}>
              <IconBuildingBank size="2.125rem" stroke={1.5} />
            </ThemeIcon>
            <div className={classes.names}>
              <Text className={classes.fullName}>{agency.name}</Text>
              <Text className={classes.shortName}>{agency.shortName}</Text>
            </div>
          </Group>
          <Group gap="md" align="flex-end">
            <SiteSearchForm slug={agency.slug} />
            <Button
              component={Link}
              to={agencyPath(agency.slug)}
              variant="light"
              leftSection={<IconHome size="1.25rem" aria-hidden="true" />}
            >
              {t('header.home')}
            </Button>
          </Group>
        </Group>
      </Container>
      <SiteMenu slug={agency.slug} />
    </>
  );
}
