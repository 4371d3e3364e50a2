import { Anchor, Group, Image, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PosterLink } from './PosterLink';
import { QR_TARGETS, qrUrl } from './qrLinks';

/** Issue 8 p. 3: the QR codes of the agency's pages as files and as A4 posters to print. */
export function QrCodesPanel() {
  const { t } = useTranslation('console');
  return (
    <Paper withBorder p="md" mt="lg">
      <Stack gap="xs">
        <Title order={2} size="h3">
          {t('qr.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('qr.description')}
        </Text>
        <Table aria-label={t('qr.tableLabel')} verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('qr.page')}</Table.Th>
              <Table.Th>{t('qr.code')}</Table.Th>
              <Table.Th>{t('qr.downloads')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {QR_TARGETS.map((target) => {
              const page = t(`qr.targets.${target}`);
              return (
                <Table.Tr key={target}>
                  <Table.Td>{page}</Table.Td>
                  <Table.Td>
                    <Image src={qrUrl(target, 'svg')} alt={t('qr.alt', { page })} w={96} h={96} />
                  </Table.Td>
                  <Table.Td>
                    <Group gap="md">
                      <PosterLink target={target} variant="light" />
                      {(['svg', 'png'] as const).map((format) => (
                        <Anchor
                          key={format}
                          href={qrUrl(target, format)}
                          download={`qr-${target}.${format}`}
                          aria-label={t('qr.download', { format: t(`qr.${format}`), page })}
                        >
                          {t(`qr.${format}`)}
                        </Anchor>
                      ))}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Stack>
    </Paper>
  );
}
