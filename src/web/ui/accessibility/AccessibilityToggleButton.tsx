import { Button } from '@mantine/core';
import { IconEye } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useAccessibility } from './AccessibilityProvider';
import { A11Y_NAMESPACE } from './i18n';

/** «Версия для слабовидящих»: a toggle button, pressed while the mode is on. */
export function AccessibilityToggleButton() {
  const { t } = useTranslation(A11Y_NAMESPACE);
  const { settings, setEnabled } = useAccessibility();
  return (
    <Button
      variant={settings.enabled ? 'filled' : 'default'}
      size="sm"
      leftSection={<IconEye size="1.25rem" aria-hidden="true" />}
      aria-pressed={settings.enabled}
      aria-controls={settings.enabled ? ACCESSIBILITY_PANEL_ID : undefined}
      onClick={() => setEnabled(!settings.enabled)}
    >
      {t('toggle')}
    </Button>
  );
}

export const ACCESSIBILITY_PANEL_ID = 'a11y-settings';
