import { Button } from '@mantine/core';
import { IconEye } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { ACCESSIBILITY_ENDPOINT } from '../../../common/accessibility';
import { useAccessibility } from './AccessibilityProvider';
import { A11Y_NAMESPACE } from './i18n';

/**
 * «Версия для слабовидящих»: a toggle button, pressed while the mode is on. It is a form the
 * server answers by remembering the choice, so it works without JavaScript; with it, the page
 * switches in place.
 */
export function AccessibilityToggleButton() {
  const { t } = useTranslation(A11Y_NAMESPACE);
  const { settings, setEnabled } = useAccessibility();
  const location = useLocation();
  return (
    <form
      method="get"
      action={ACCESSIBILITY_ENDPOINT}
      onSubmit={(event) => {
        event.preventDefault();
        setEnabled(!settings.enabled);
      }}
    >
      <input type="hidden" name="enabled" value={settings.enabled ? 'off' : 'on'} />
      <input type="hidden" name="return" value={location.pathname + location.search} />
      <Button
        type="submit"
        variant={settings.enabled ? 'filled' : 'default'}
        size="sm"
        leftSection={<IconEye size="1.25rem" aria-hidden="true" />}
        aria-pressed={settings.enabled}
        aria-controls={settings.enabled ? ACCESSIBILITY_PANEL_ID : undefined}
      >
        {t('toggle')}
      </Button>
    </form>
  );
}

export const ACCESSIBILITY_PANEL_ID = 'a11y-settings';
