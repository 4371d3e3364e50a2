// The accessibility mode carries its own `a11y` namespace so either app can mount it without
// copying strings into its own namespace.
import i18n from '../../i18n/index';
import en from './locales/en.json';
import ru from './locales/ru.json';

export const A11Y_NAMESPACE = 'a11y';

i18n.addResourceBundle('ru', A11Y_NAMESPACE, ru, true, true);
i18n.addResourceBundle('en', A11Y_NAMESPACE, en, true, true);
