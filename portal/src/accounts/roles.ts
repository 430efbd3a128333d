import type { Role } from '../generated/accounts';

/** Every role, in the order the forms and filters list them. */
export const ROLES: readonly Role[] = ['UNIT_STAFF', 'UNIT_LEAD', 'APPRAISER', 'SECRETARIAT', 'ANALYST', 'ADMIN'];

/** Roles that act for one unit and therefore need one (the server checks it too). */
export const UNIT_ROLES: readonly Role[] = ['UNIT_STAFF', 'UNIT_LEAD'];

/** A one-time code the server answered for an account (a new one, a reset): shown once. */
export interface IssuedCode {
  code: string;
  expiresAt: string;
  user: { username: string; displayName: string };
}
