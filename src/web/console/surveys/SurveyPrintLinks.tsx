import { Button } from '@mantine/core';
import { IconFileTypePdf, IconQrcode } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { qrUrl } from '../qr/qrLinks';

/**
 * What to hand out after a visit or at a counter (seed 003 p. 36): the questionnaire on paper, its
 * answers typed in later by their codes, and a poster whose QR code opens the same form online.
 */
export function SurveyPrintLinks({ id, slug, published }: { id: string; slug: string; published: boolean }) {
  const { t } = useTranslation('console');
  return (
    <>
      <Button
        component="a"
        href={`/api/staff/surveys/${encodeURIComponent(id)}/paper.pdf`}
        download
        variant="default"
        leftSection={<IconFileTypePdf size={18} aria-hidden />}
      >
        {t('surveys.print.paper')}
      </Button>
      {/* An unpublished form does not open on the portal, so a QR code to it would lead nowhere. */}
      {published && (
        <Button
          component="a"
          href={qrUrl(`surveys/${slug}`, 'pdf')}
          download
          variant="default"
          leftSection={<IconQrcode size={18} aria-hidden />}
        >
          {t('surveys.print.poster')}
        </Button>
      )}
    </>
  );
}
