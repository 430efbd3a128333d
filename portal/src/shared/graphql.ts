import { cacheExchange, Client, fetchExchange, mapExchange } from '@urql/vue';
import { codeMessage, refusalMessage } from './errors';
import { currentLocale, i18n } from './i18n';

/** Listeners told when the server says the session is gone (the router sends the user to the login page). */
const onSignedOut = new Set<() => void>();
export const whenSignedOut = (listener: () => void) => onSignedOut.add(listener);

export const client = new Client({
  url: '/graphql',
  // Apollo's CSRF prevention refuses simple GET requests; POST with a JSON body passes.
  preferGetMethod: false,
  fetchOptions: () => ({ credentials: 'same-origin', headers: { 'accept-language': currentLocale() } }),
  exchanges: [
    mapExchange({
      onError(error) {
        if (error.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) onSignedOut.forEach((listener) => listener());
      },
    }),
    cacheExchange,
    fetchExchange,
  ],
});

/** The header the server answers every request's id in (the id on its log lines). */
export const REQUEST_ID_HEADER = 'x-request-id';

/** `message` followed by the request's id, which a user quotes to the department's IT staff to find its log lines. */
export function withRequestId(message: string, requestId: string | null | undefined): string {
  return requestId ? i18n.global.t('shared.withRequestId', { message, id: requestId }) : message;
}

/**
 * What to tell the reader about a failed operation: the first GraphQL error's message (the server localises it), or
 * the portal's own message for its code or for a lost connection (never a raw code or an English library message),
 * with the id of the request that answered it when the answer came from the server.
 */
export function errorMessage(
  error:
    | {
        graphQLErrors?: { message: string; extensions?: { code?: unknown } }[];
        networkError?: unknown;
        message: string;
        response?: unknown;
      }
    | undefined
    | null,
): string | null {
  if (!error) return null;
  const headers = (error.response as { headers?: { get?: (name: string) => string | null } } | undefined)?.headers;
  const first = error.graphQLErrors?.[0];
  const message = first
    ? refusalMessage(typeof first.extensions?.code === 'string' ? first.extensions.code : undefined, first.message)
    : codeMessage(error.networkError ? 'NETWORK' : undefined);
  return withRequestId(message, headers?.get?.(REQUEST_ID_HEADER));
}

/**
 * Whether the server refused an edit because the record changed since it was read (CONFLICT: the edit carried a
 * stale `version`): the form says so and reloads the record, keeping what the reader typed.
 */
export const isConflict = (error: { graphQLErrors?: { extensions?: { code?: unknown } }[] } | undefined | null): boolean =>
  error?.graphQLErrors?.[0]?.extensions?.code === 'CONFLICT';
