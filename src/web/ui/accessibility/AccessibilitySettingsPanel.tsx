import { Button, Container, Group } from '@mantine/core';
import { IconCheck, IconEyeOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { ACCESSIBILITY_ENDPOINT } from '../../../common/accessibility';
import { useStaticRender } from '../staticRender';
import { useAccessibility } from './AccessibilityProvider';
import { ACCESSIBILITY_PANEL_ID } from './AccessibilityToggleButton';
import { ChoiceChips } from './ChoiceChips';
import { A11Y_NAMESPACE } from './i18n';
import './panel.css';
import { COLOR_SCHEMES, FONT_SIZES, IMAGE_MODES, LETTER_SPACINGS, LINE_HEIGHTS } from './settings';

/**
 * The settings bar of the version for the visually impaired, shown at the top while it is on.
 * A form the server answers by remembering the settings: on a page rendered without scripts the
 * choice is applied by «Применить», with scripts every click applies at once.
 */
export function AccessibilitySettingsPanel() {
  const { t } = useTranslation(A11Y_NAMESPACE);
  const { settings, update, setEnabled } = useAccessibility();
  const isStatic = useStaticRender();
  const location = useLocation();
  if (!settings.enabled) return null;

  return (
    <section id={ACCESSIBILITY_PANEL_ID} className="a11y-panel" aria-label={t('panel')}>
      <Container size="xl" py="sm">
        <form method="get" action={ACCESSIBILITY_ENDPOINT} onSubmit={(event) => event.preventDefault()}>
          <input type="hidden" name="return" value={location.pathname + location.search} />
          <Group align="flex-end" gap="lg">
            <ChoiceChips
              name="fontSize"
              legend={t('fontSize.label')}
              options={FONT_SIZES}
              value={settings.fontSize}
              onChange={(fontSize) => update({ fontSize })}
              renderLabel={(size) => t(`fontSize.${size}`)}
            />
            <ChoiceChips
              name="scheme"
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
              name="letterSpacing"
              legend={t('letterSpacing.label')}
              options={LETTER_SPACINGS}
              value={settings.letterSpacing}
              onChange={(letterSpacing) => update({ letterSpacing })}
              renderLabel={(spacing) => t(`letterSpacing.${spacing}`)}
            />
            <ChoiceChips
              name="lineHeight"
              legend={t('lineHeight.label')}
              options={LINE_HEIGHTS}
              value={settings.lineHeight}
              onChange={(lineHeight) => update({ lineHeight })}
              renderLabel={(height) => t(`lineHeight.${height}`)}
            />
            <ChoiceChips
              name="images"
              legend={t('images.label')}
              options={IMAGE_MODES}
              value={settings.images}
              onChange={(images) => update({ images })}
              renderLabel={(mode) => t(`images.${mode}`)}
            />
            {isStatic && (
              <Button
                type="submit"
                name="enabled"
                value="on"
                leftSection={<IconCheck size="1.25rem" aria-hidden="true" />}
              >
                {t('apply')}
              </Button>
            )}
            <Button
              type="submit"
              name="enabled"
              value="off"
              variant="outline"
              leftSection={<IconEyeOff size="1.25rem" aria-hidden="true" />}
              onClick={(event) => {
                event.preventDefault();
                setEnabled(false);
              }}
            >
              {t('usualVersion')}
            </Button>
          </Group>
        </form>
      </Container>
    </section>
  );
}
