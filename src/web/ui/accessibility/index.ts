// Version for the visually impaired (seed 000 p. 5.1), shared by the portal and, later, the
// console. Mount <AccessibilityProvider> once, put <AccessibilityToggleButton> in the header and
// <AccessibilitySettingsPanel> right after it. The settings live in a cookie the server reads to
// put their attributes on <html> (src/server/http/web.ts), so the mode applies before first paint.
import './i18n';
import './accessibility.css';

export { AccessibilityProvider, useAccessibility } from './AccessibilityProvider';
export { AccessibilitySettingsPanel } from './AccessibilitySettingsPanel';
export { AccessibilityToggleButton } from './AccessibilityToggleButton';
export { AccessibleImage } from './AccessibleImage';
export type { AccessibilitySettings } from './settings';
