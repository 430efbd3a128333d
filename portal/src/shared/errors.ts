import { currentLocale, i18n, bilingual, type Locale, type LocaleMessages } from './i18n';

/**
 * A message for every error code the API can answer with, in both languages, in errors.json (tests/portal-errors.test.ts compares the
 * table with the codes the server's source raises). The server localises its own refusals, with their details, and
 * those are shown as they come; this table speaks when no such message reaches the reader: Apollo's own refusals (in
 * English), an answer without a message (a proxy's error page, a lost connection), or a code with no message.
 * It is 18 kB that no page needs to be drawn: main.ts loads it right after the start, beside the first page, so it is
 * not part of the login page's first download.
 */
export const loadErrorMessages = async (): Promise<Record<Locale, LocaleMessages>> => bilingual((await import('./errors.json')).default);

/** What to say in the instant before the table has arrived (errors.json's UNKNOWN). */
const BEFORE_THE_TABLE: Record<Locale, string> = {
  vi: 'Đã có lỗi xảy ra; vui lòng thử lại.',
  en: 'Something went wrong; please try again.',
};

/** Codes whose message comes from Apollo Server itself, in English whatever the reader's language. */
const UNLOCALISED = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST', 'OPERATION_RESOLUTION_FAILURE']);

/** The portal's own message for a code (`NETWORK`, `UNKNOWN` included), in the reader's language. */
export function codeMessage(code: string | undefined): string {
  const key = `errors.${code}`;
  if (i18n.global.te(key)) return i18n.global.t(key);
  return i18n.global.te('errors.UNKNOWN') ? i18n.global.t('errors.UNKNOWN') : BEFORE_THE_TABLE[currentLocale()];
}

/** What to tell the reader about a refusal: the server's localised message, else the portal's for its code. */
export function refusalMessage(code: string | undefined, serverMessage: string | undefined): string {
  if (serverMessage && code && !UNLOCALISED.has(code) && serverMessage !== code) return serverMessage;
  return codeMessage(code);
}
