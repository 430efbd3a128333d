import { createMongoAbility, type MongoAbility } from '@casl/ability';
import { unpackRules, type PackRule } from '@casl/ability/extra';
import { reactive } from 'vue';
import { client, errorMessage } from '../shared/graphql';
import { ChangePasswordDocument, LoginDocument, LogoutDocument, SessionDocument, type SessionQuery } from '../generated/auth';

export type SessionUser = NonNullable<SessionQuery['me']>;

/** The rules the server packed for this user (`myPermissions`): the portal shows only what they allow. */
export const ability: MongoAbility = createMongoAbility();

export const session = reactive({
  user: null as SessionUser | null,
  loaded: false,
});

/** Asks the server who is signed in (the httpOnly cookie travels by itself). */
export async function loadSession(): Promise<SessionUser | null> {
  const result = await client.query(SessionDocument, {}, { requestPolicy: 'network-only' }).toPromise();
  session.user = result.data?.me ?? null;
  ability.update(result.data ? unpackRules(result.data.myPermissions as PackRule<never>[]) : []);
  session.loaded = true;
  return session.user;
}

/** Returns the localised error message, or null on success. */
export async function signIn(username: string, password: string): Promise<string | null> {
  const result = await client.mutation(LoginDocument, { username, password }).toPromise();
  if (result.error) return errorMessage(result.error);
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
  ability.update([]);
}
