import { subject as asSubject } from '@casl/ability';
import type { AppContext } from './context.ts';
import { forbidden, notFound, unauthenticated } from '../shared/errors.ts';
import type { Localized } from '../shared/i18n.ts';
import type { Action, Actor, SubjectName } from './ability.ts';

/** The signed-in user acting in this request, with their ability; UNAUTHENTICATED (401) for anonymous callers. */
export function requireUser(ctx: AppContext): Actor {
  if (!ctx.user) throw unauthenticated();
  return { ...ctx.user, ability: ctx.ability };
}

/**
 * Checks one action against the user's CASL rules: on a subject type, or on a row when
 * `row` is given (its fields are matched against the rule conditions). Denied → FORBIDDEN (403).
 */
export function authorize(actor: Actor, action: Action, subjectName: SubjectName, row?: object): void {
  const target = row ? asSubject(subjectName, { ...row }) : subjectName;
  if (!actor.ability.can(action, target)) throw forbidden();
}

/** `row` (looked up by `id`) if it exists and the caller may read it; NOT_FOUND or FORBIDDEN otherwise. */
export function requireReadable<T extends object>(actor: Actor, subjectName: SubjectName, what: Localized, id: unknown, row: T | null): T {
  if (!row) throw notFound(what, id);
  authorize(actor, 'read', subjectName, row);
  return row;
}
