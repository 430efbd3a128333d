import { createI18n } from 'vue-i18n';

export type Locale = 'vi' | 'en';
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

/** One text in both languages: Vietnamese first, English second. */
export type Bilingual = readonly [vi: string, en: string];
export interface BilingualTexts {
  readonly [key: string]: Bilingual | BilingualTexts;
}
export type LocaleMessages = Record<string, unknown>;

/**
 * Messages are written text by text, each Vietnamese text beside its English one (so neither can be forgotten, and a
 * translator reads both at once); this splits them into the tree per locale that vue-i18n takes.
 */
export function bilingual(texts: BilingualTexts): Record<Locale, LocaleMessages> {
  const inLocale = (tree: BilingualTexts, index: 0 | 1): LocaleMessages =>
    Object.fromEntries(Object.entries(tree).map(([key, value]) => [key, isBilingual(value) ? value[index] : inLocale(value, index)]));
  return { vi: inLocale(texts, 0), en: inLocale(texts, 1) };
}

const isBilingual = (value: Bilingual | BilingualTexts): value is Bilingual => Array.isArray(value);
