import { subject as asSubject } from '@casl/ability';
import type { AppContext } from './context.ts';
import { forbidden, notFound, unauthenticated } from '../shared/errors.ts';
import type { Localized } from '../shared/i18n.ts';
import type { Action, AuthUser, SubjectName } from './ability.ts';

/** The signed-in user, or UNAUTHENTICATED (401). */
export function requireUser(ctx: AppContext): AuthUser {
  if (!ctx.user) throw unauthenticated();
  return ctx.user;
}

/**
 * Checks one action against the user's CASL rules: on a subject type, or on a row when
 * `row` is given (its fields are matched against the rule conditions). Denied → FORBIDDEN (403).
 */
export function authorize(ctx: AppContext, action: Action, subjectName: SubjectName, row?: object): AuthUser {
  const user = requireUser(ctx);
  const target = row ? asSubject(subjectName, { ...row }) : subjectName;
  if (!ctx.ability.can(action, target)) throw forbidden();
  return user;
}

/** `row` (looked up by `id`) if it exists and the caller may read it; NOT_FOUND or FORBIDDEN otherwise. */
export function requireReadable<T extends object>(ctx: AppContext, subjectName: SubjectName, what: Localized, id: unknown, row: T | null): T {
  requireUser(ctx);
  if (!row) throw notFound(what, id);
  authorize(ctx, 'read', subjectName, row);
  return row;
}
