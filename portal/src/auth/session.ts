import type { PackRule } from '@casl/ability/extra';
import { reactive, shallowRef } from 'vue';
import { client, errorMessage } from '../shared/graphql';
import { ChangePasswordDocument, LoginDocument, LogoutDocument, SessionDocument, type SessionQuery } from '../generated/auth';

export type SessionUser = NonNullable<SessionQuery['me']>;

export const session = reactive({
  user: null as SessionUser | null,
  loaded: false,
});

/**
 * The rules the server packed for this user (`myPermissions`): the portal shows only what they allow. They are turned
 * into a CASL ability by `./ability.ts`, which is loaded with the first signed-in page (the login page does without it).
 */
export const packedRules = shallowRef<PackRule<never>[]>([]);

/** Asks the server who is signed in (the httpOnly cookie travels by itself). */
export async function loadSession(): Promise<SessionUser | null> {
  const result = await client.query(SessionDocument, {}, { requestPolicy: 'network-only' }).toPromise();
  session.user = result.data?.me ?? null;
  packedRules.value = result.data ? (result.data.myPermissions as PackRule<never>[]) : [];
  session.loaded = true;
  return session.user;
}

/** Why a sign-in failed: the server's code (and wait, when throttled) with its localised message. */
export interface SignInFailure {
  code: string | null;
  message: string;
  /** TOO_MANY_SIGN_IN_ATTEMPTS: seconds until the next try is accepted. */
  retryAfterSeconds: number | null;
}

/** Null on success. */
export async function signIn(username: string, password: string): Promise<SignInFailure | null> {
  const result = await client.mutation(LoginDocument, { username, password }).toPromise();
  if (result.error) {
    const extensions = result.error.graphQLErrors[0]?.extensions ?? {};
    const retry = Number(extensions.retryAfterSeconds);
    return {
      code: typeof extensions.code === 'string' ? extensions.code : null,
      message: errorMessage(result.error) ?? '',
      retryAfterSeconds: Number.isFinite(retry) && retry > 0 ? retry : null,
    };
  }
  await loadSession();
  return null;
}

/** Replaces the signed-in user's password; the server ends the old sessions and sets a new cookie. */
export async function changePassword(currentPassword: string, newPassword: string): Promise<string | null> {
  const result = await client.mutation(ChangePasswordDocument, { currentPassword, newPassword }).toPromise();
  if (result.error) return errorMessage(result.error);
  await loadSession();
  return null;
}

export async function signOut(): Promise<void> {
  await client.mutation(LogoutDocument, {}).toPromise();
  clearSession();
}

export function clearSession(): void {
  session.user = null;
  packedRules.value = [];
}
