import { createI18n } from 'vue-i18n';
import { features } from '../features';

export type Locale = 'vi' | 'en';
const STORAGE_KEY = 'par.locale';

/** Every feature contributes its own messages under its own key; Vietnamese first. */
function mergeMessages(locale: Locale) {
  return Object.assign({}, ...features.map((feature) => feature.messages[locale]));
}

const saved = (typeof localStorage !== 'undefined' && localStorage.getItem(STORAGE_KEY)) as Locale | null;

export const i18n = createI18n({
  legacy: false,
  locale: saved === 'en' ? 'en' : 'vi',
  fallbackLocale: 'vi',
  messages: { vi: mergeMessages('vi'), en: mergeMessages('en') },
});

export function currentLocale(): Locale {
  return i18n.global.locale.value as Locale;
}

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  localStorage.setItem(STORAGE_KEY, locale);
  document.documentElement.lang = locale;
}

/** Formats a decimal string such as "1.50" the way the reader expects ("1,5" in Vietnamese). */
export function formatPoints(value: string | null | undefined): string {
  if (value === null || value === undefined) return '–';
  return Number(value).toLocaleString(currentLocale() === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 2 });
}

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '–';
  return new Date(value).toLocaleString(currentLocale() === 'vi' ? 'vi-VN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}
