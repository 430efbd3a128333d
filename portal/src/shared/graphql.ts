import { cacheExchange, Client, fetchExchange, mapExchange } from '@urql/vue';
import { currentLocale } from './i18n';

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

/** The message of the first GraphQL error, already in the user's language (the server localises it). */
export function errorMessage(error: { graphQLErrors?: { message: string }[]; message: string } | undefined | null): string | null {
  if (!error) return null;
  return error.graphQLErrors?.[0]?.message ?? error.message;
}
