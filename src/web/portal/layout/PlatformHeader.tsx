import { Anchor, Container, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { AccessibleImage } from '../../ui/accessibility';
import logoUrl from '../assets/otklik-logo.svg';
import classes from './PlatformHeader.module.css';

/** Header of the pages that belong to no agency: the list of agencies and «not found». */
export function PlatformHeader() {
  const { t } = useTranslation('portal');
  return (
    <Container size="xl" py="md">
      <Anchor component={Link} to="/" underline="never" className={classes.home}>
        <Group wrap="nowrap" gap="md">
          <AccessibleImage src={logoUrl} alt={t('platform.logoAlt')} width={48} height={48} />
          <div>
            <Text className={classes.name}>{t('platform.name')}</Text>
            <Text className={classes.tagline}>{t('platform.tagline')}</Text>
          </div>
        </Group>
      </Anchor>
    </Container>
  );
}

export function PlatformFooter() {
  const { t } = useTranslation('portal');
  return (
    <footer className={classes.footer}>
      <Container size="xl" py="lg">
        <Text size="sm">{t('platform.poweredBy')}</Text>
      </Container>
    </footer>
  );
}
