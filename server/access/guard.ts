import { subject as asSubject } from '@casl/ability';
import { LockMode, type EntityClass, type EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import type { AppContext } from './context.ts';
import { forbidden, notFound, unauthenticated, type AppError } from '../shared/errors.ts';
import type { Localized } from '../shared/i18n.ts';
import { permittedFilter, type Action, type Actor, type SubjectName } from './ability.ts';

/** The signed-in user acting in this request, with their ability; UNAUTHENTICATED (401) for anonymous callers. */
export function requireUser(ctx: AppContext): Actor {
  if (!ctx.user) throw unauthenticated();
  return { ...ctx.user, ability: ctx.ability };
}

/**
 * Checks one action against the user's CASL rules: on a subject type, or on a row when
 * `row` is given (its fields are matched against the rule conditions). Denied → FORBIDDEN (403),
 * or `refusal` when a rule's reason deserves its own code and words (e.g. an administrator's own account).
 */
export function authorize(actor: Actor, action: Action, subjectName: SubjectName, row?: object, refusal: () => AppError = forbidden): void {
  const target = row ? asSubject(subjectName, { ...row }) : subjectName;
  if (!actor.ability.can(action, target)) throw refusal();
}

/** Whether `action` is allowed on every row of `subjectName`, so which ids exist is no secret to the caller. */
export function allowedOnEveryRow(actor: Actor, action: Action, subjectName: SubjectName): boolean {
  const filter = permittedFilter(actor.ability, action, subjectName);
  return filter !== null && Object.keys(filter).length === 0;
}

/**
 * The answer for a row that does not exist. Permission comes before existence: NOT_FOUND only for a
 * caller who may act on every row of its kind; anyone else gets the FORBIDDEN (same code, same
 * message) a row denied to them gets, so a denied caller cannot tell a missing id from a forbidden one.
 */
export function missingRow(actor: Actor, action: Action, subjectName: SubjectName, what: Localized, id: unknown): AppError {
  return allowedOnEveryRow(actor, action, subjectName) ? notFound(what, id) : forbidden();
}

/** `row` (looked up by `id`) if it exists and the caller may read it; FORBIDDEN otherwise (NOT_FOUND, see `missingRow`). */
export function requireReadable<T extends object>(actor: Actor, subjectName: SubjectName, what: Localized, id: unknown, row: T | null): T {
  if (!row) throw missingRow(actor, 'read', subjectName, what, id);
  authorize(actor, 'read', subjectName, row);
  return row;
}

/**
 * Permission before the lock: reads the row without a lock (`read(false)`), answers a missing one with
 * `missing` (see `missingRow`), checks it with `authorise`, and only then reads it again locked
 * (`read(true)`) and checks it again, since it may have changed meanwhile. So no row lock is ever
 * taken, nor waited for, on behalf of a caller who may not act on the row.
 */
export async function lockAfterCheck<T>(
  read: (lock: boolean) => Promise<T | null>,
  missing: () => AppError,
  authorise: (row: T) => void,
): Promise<T> {
  const row = await read(false);
  if (!row) throw missing();
  authorise(row);
  const locked = await read(true);
  if (!locked) throw missing();
  authorise(locked);
  return locked;
}

/**
 * An entity by id, locked FOR UPDATE once `action` on it is allowed (`lockAfterCheck`); `subject` gives the
 * row as the rules see it. A missing id answers as `missingRow` does for reading `readAs` (the row's own kind,
 * when the action is checked on another subject; default `subjectName`).
 */
export function lockAuthorized<T extends object>(
  tx: EntityManager,
  actor: Actor,
  entity: EntityClass<T>,
  id: number,
  check: { action: Action; subjectName: SubjectName; what: Localized; subject: (row: T) => object; readAs?: SubjectName },
): Promise<T> {
  return lockAfterCheck(
    (lock) =>
      tx.findOne(entity, id as FilterQuery<T>, lock ? { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true } : {}) as Promise<T | null>,
    () => missingRow(actor, 'read', check.readAs ?? check.subjectName, check.what, id),
    (row) => authorize(actor, check.action, check.subjectName, check.subject(row)),
  );
}
