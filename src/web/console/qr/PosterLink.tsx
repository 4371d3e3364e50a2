import { Button } from '@mantine/core';
import { IconPrinter } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { type QrTarget, qrUrl } from './qrLinks';

/** Downloads the printable A4 poster with the QR code of one of the agency's pages. */
export function PosterLink({ target, variant = 'default' }: { target: QrTarget; variant?: string }) {
  const { t } = useTranslation('console');
  return (
    <Button
      component="a"
      href={qrUrl(target, 'pdf')}
      download
      variant={variant}
      leftSection={<IconPrinter size={16} aria-hidden />}
    >
      {t('qr.poster')}
    </Button>
  );
}
