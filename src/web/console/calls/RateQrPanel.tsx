import { Image, Paper, Stack, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { qrUrl } from '../qr/qrLinks';

/**
 * Seed 003 p. 27.3: after the survey the operator recommends the agency's review page; the caller
 * who is at a screen (a video call, the reception hall) scans the code from the operator's screen.
 */
export function RateQrPanel() {
  const { t } = useTranslation('console');
  const titleId = useId();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={titleId}>
      <Stack gap="xs" align="center">
        <Title order={2} size="h4" id={titleId} style={{ alignSelf: 'flex-start' }}>
          {t('calls.qr.title')}
        </Title>
        <Text size="sm">{t('calls.qr.hint')}</Text>
        <Image src={qrUrl('rate', 'svg')} alt={t('calls.qr.alt')} w={176} h={176} />
      </Stack>
    </Paper>
  );
}
