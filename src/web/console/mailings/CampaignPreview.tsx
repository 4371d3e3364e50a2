import { SegmentedControl, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

const WIDTHS = { desktop: 640, phone: 360 } as const;

/**
 * The e-mail as it will look on a wide screen and on a phone. The iframe is sandboxed without
 * scripts, so even an unsaved body (sanitised by the server only on save) runs nothing.
 */
export function CampaignPreview({ subject, html }: { subject: string; html: string }) {
  const { t } = useTranslation('console');
  const [device, setDevice] = useState<keyof typeof WIDTHS>('desktop');
  return (
    <Stack gap="xs">
      <SegmentedControl
        aria-label={t('mailings.editor.previewOn')}
        value={device}
        onChange={(value) => setDevice(value as keyof typeof WIDTHS)}
        data={[
          { value: 'desktop', label: t('mailings.editor.desktop') },
          { value: 'phone', label: t('mailings.editor.phone') },
        ]}
        style={{ alignSelf: 'flex-start' }}
      />
      <iframe
        title={t('mailings.editor.preview', { subject })}
        sandbox=""
        srcDoc={`<!doctype html><html lang="ru"><body style="font-family:sans-serif;margin:16px">${html}<hr><p style="font-size:12px;color:#555">${t('mailings.editor.footer')}</p></body></html>`}
        style={{
          width: WIDTHS[device],
          maxWidth: '100%',
          height: 420,
          border: '1px solid #ced4da',
          borderRadius: 4,
        }}
      />
    </Stack>
  );
}
