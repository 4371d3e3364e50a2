import {
  Alert,
  Badge,
  Card,
  Group,
  SimpleGrid,
  Stack,
  Text,
  ThemeIcon,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { SECTION_PATHS, visibleSections } from '../session/access';
import { useSession } from '../session/SessionContext';
import { PageSection } from '../shared/PageSection';
import { SECTION_ICONS } from '../shell/NavMenu';
import { useDocumentTitle } from '../shell/useDocumentTitle';
import classes from './HomePage.module.css';

export function HomePage() {
  const { t } = useTranslation('console');
  const session = useSession();
  useDocumentTitle(t('nav.home'));
  const agency = session.agencies.find((item) => item.slug === session.currentAgency);
  const sections = visibleSections(session).filter((section) => section !== 'home');

  return (
    <Stack gap="xl" maw={960}>
      <div>
        <Title order={1} size="h2">
          {t('home.greeting', { name: session.user.name })}
        </Title>
        {agency ? (
          <Text c="dimmed" mt={4}>
            {t('home.agency', { name: agency.name })}
          </Text>
        ) : (
          <Alert color="yellow" mt="md">
            {t('home.noAgency')}
          </Alert>
        )}
      </div>

      {(session.roles.length > 0 || session.isRegionAdmin) && (
        <PageSection id="home-roles" title={t('home.roles')}>
          <Group gap="xs">
            {session.roles.map((role) => (
              <Badge key={role} variant="light" size="lg">
                {t(`common:roles.${role}`)}
              </Badge>
            ))}
            {session.isRegionAdmin && (
              <Badge variant="light" color="grape" size="lg">
                {t('home.regionAdmin')}
              </Badge>
            )}
          </Group>
        </PageSection>
      )}

      <PageSection id="home-sections" title={t('home.sections')}>
        {sections.length === 0 ? (
          <Text c="dimmed">{t('home.noSections')}</Text>
        ) : (
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
            {sections.map((section) => {
              const Icon = SECTION_ICONS[section];
              return (
                <UnstyledButton
                  key={section}
                  component={Link}
                  to={SECTION_PATHS[section]}
                  className={classes.card}
                >
                  <Card withBorder h="100%" padding="md">
                    <Group wrap="nowrap" align="flex-start">
                      <ThemeIcon variant="light" size="lg" aria-hidden>
                        <Icon size={20} />
                      </ThemeIcon>
                      <div>
                        <Text fw={600}>{t(`nav.${section}`)}</Text>
                        <Text size="sm" c="dimmed">
                          {t(`home.hints.${section}`)}
                        </Text>
                      </div>
                    </Group>
                  </Card>
                </UnstyledButton>
              );
            })}
          </SimpleGrid>
        )}
      </PageSection>
    </Stack>
  );
}
