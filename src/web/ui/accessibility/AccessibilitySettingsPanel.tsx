import { Button, Container, Group } from '@mantine/core';
import { IconEyeOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useAccessibility } from './AccessibilityProvider';
import { ACCESSIBILITY_PANEL_ID } from './AccessibilityToggleButton';
import { ChoiceChips } from './ChoiceChips';
import { A11Y_NAMESPACE } from './i18n';
import './panel.css';
import { COLOR_SCHEMES, FONT_SIZES, IMAGE_MODES, LETTER_SPACINGS, LINE_HEIGHTS } from './settings';

/** The settings bar of the version for the visually impaired, shown at the top while it is on. */
export function AccessibilitySettingsPanel() {
  const { t } = useTranslation(A11Y_NAMESPACE);
  const { settings, update, setEnabled } = useAccessibility();
  if (!settings.enabled) return null;

  return (
    <section id={ACCESSIBILITY_PANEL_ID} className="a11y-panel" aria-label={t('panel')}>
      <Container size="xl" py="sm">
        <Group align="flex-end" gap="lg">
          <ChoiceChips
            name="a11y-font"
            legend={t('fontSize.label')}
            options={FONT_SIZES}
            value={settings.fontSize}
            onChange={(fontSize) => update({ fontSize })}
            renderLabel={(size) => t(`fontSize.${size}`)}
          />
          <ChoiceChips
            name="a11y-scheme"
            legend={t('scheme.label')}
            options={COLOR_SCHEMES}
            value={settings.scheme}
            onChange={(scheme) => update({ scheme })}
            renderLabel={(scheme) => (
              <>
                <span className="a11y-scheme-sample" data-scheme={scheme} aria-hidden="true">
                  Ц
                </span>
                {t(`scheme.${scheme}`)}
              </>
            )}
          />
          <ChoiceChips
            name="a11y-letter"
            legend={t('letterSpacing.label')}
            options={LETTER_SPACINGS}
            value={settings.letterSpacing}
            onChange={(letterSpacing) => update({ letterSpacing })}
            renderLabel={(spacing) => t(`letterSpacing.${spacing}`)}
          />
          <ChoiceChips
            name="a11y-line"
            legend={t('lineHeight.label')}
            options={LINE_HEIGHTS}
            value={settings.lineHeight}
            onChange={(lineHeight) => update({ lineHeight })}
            renderLabel={(height) => t(`lineHeight.${height}`)}
          />
          <ChoiceChips
            name="a11y-images"
            legend={t('images.label')}
            options={IMAGE_MODES}
            value={settings.images}
            onChange={(images) => update({ images })}
            renderLabel={(mode) => t(`images.${mode}`)}
          />
          <Button
            variant="outline"
            leftSection={<IconEyeOff size="1.25rem" aria-hidden="true" />}
            onClick={() => setEnabled(false)}
          >
            {t('usualVersion')}
          </Button>
        </Group>
      </Container>
    </section>
  );
}
