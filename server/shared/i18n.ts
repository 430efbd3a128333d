import { AsyncLocalStorage } from 'node:async_hooks';

export type Locale = 'vi' | 'en';
/** A user-facing text in both languages the portal speaks; Vietnamese first. */
export interface Localized {
  vi: string;
  en: string;
}

const requestLocale = new AsyncLocalStorage<Locale>();

/** Vietnamese unless the client asks for English first. */
export function localeFromHeader(acceptLanguage: string | undefined): Locale {
  const first = acceptLanguage?.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'vi';
}

export function runWithLocale<T>(locale: Locale, fn: () => T): T {
  return requestLocale.run(locale, fn);
}

export function currentLocale(): Locale {
  return requestLocale.getStore() ?? 'vi';
}
