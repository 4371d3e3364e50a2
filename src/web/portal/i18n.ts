import i18n, { registerNamespace } from '../i18n/index';
import en from '../i18n/locales/en/portal.json';
import ru from '../i18n/locales/ru/portal.json';

registerNamespace('portal', { ru, en });

// The public site is Russian (its content — names, addresses — is Russian); a staff member's
// console language, kept in the same localStorage, must not switch it.
void i18n.changeLanguage('ru');
