export { I18nProvider } from './i18n-provider';
export { useI18n, type I18n } from './i18n-context';
export type { MessageKey } from './fr';
export { formatMoney, formatDateTime } from './format';
