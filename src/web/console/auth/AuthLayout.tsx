import { Box, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../shell/LanguageSwitch';
import { useDocumentTitle } from '../shell/useDocumentTitle';

/** The centred card shared by the sign-in, forgotten-password and new-password pages. */
export function AuthLayout({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation('console');
  useDocumentTitle(title);
  return (
    <Box bg="gray.0" mih="100vh">
      <Group justify="flex-end" p="md">
        <LanguageSwitch />
      </Group>
      <Center px="md" pb="xl">
        <Stack w="100%" maw={420} gap="lg">
          <div>
            <Text fw={800} fz={28} c="blue.9">
              {t('common:productName')}
            </Text>
            <Text c="dimmed">{t('auth.tagline')}</Text>
          </div>
          <Paper component="main" withBorder shadow="sm" p="xl" radius="md">
            <Title order={1} size="h3" mb="md">
              {title}
            </Title>
            {children}
          </Paper>
        </Stack>
      </Center>
    </Box>
  );
}
