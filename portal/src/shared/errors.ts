import texts from './errors.json';
import { bilingual, i18n } from './i18n';

/**
 * A message for every error code the API can answer with, in both languages, in errors.json (tests/portal-errors.test.ts compares the
^ * table with the codes the server's source raises). The server localises its own refusals, with their details, and
 * those are shown as they come; this table speaks when no such message reaches the reader: Apollo's own refusals (in
 * English), an answer without a message (a proxy's error page, a lost connection), or a code with no message.
 */
export const errorMessages = bilingual(texts);

/** Codes whose message comes from Apollo Server itself, in English whatever the reader's language. */
const UNLOCALISED = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST', 'OPERATION_RESOLUTION_FAILURE']);

/** The portal's own message for a code (`NETWORK`, `UNKNOWN` included), in the reader's language. */
export function codeMessage(code: string | undefined): string {
  const key = `errors.${code}`;
  return i18n.global.te(key) ? i18n.global.t(key) : i18n.global.t('errors.UNKNOWN');
}

/** What to tell the reader about a refusal: the server's localised message, else the portal's for its code. */
export function refusalMessage(code: string | undefined, serverMessage: string | undefined): string {
  if (serverMessage && code && !UNLOCALISED.has(code) && serverMessage !== code) return serverMessage;
  return codeMessage(code);
}
