import { createI18n } from 'vue-i18n';
import type { Locale } from './bilingual';

// The texts' types and their splitting per locale, which need no browser, live in bilingual.ts.
export { bilingual, type Bilingual, type BilingualJson, type BilingualTexts, type Locale, type LocaleMessages } from './bilingual';

const STORAGE_KEY = 'par.locale';

const saved = (typeof localStorage !== 'undefined' && localStorage.getItem(STORAGE_KEY)) as Locale | null;

/** Vietnamese first, English second. The features' messages are added by `main.ts`, which knows every feature. */
export const i18n = createI18n({
  legacy: false,
  locale: saved === 'en' ? 'en' : 'vi',
  fallbackLocale: 'vi',
  // Plurals: a message may give 'one | other' forms (English); Vietnamese has one form for every number.
  pluralRules: { vi: () => 0 },
});

export function currentLocale(): Locale {
  return i18n.global.locale.value as Locale;
}

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  localStorage.setItem(STORAGE_KEY, locale);
  document.documentElement.lang = locale;
}
