import { AbilityBuilder, createMongoAbility, type ForcedSubject, type MongoAbility, type MongoQuery } from '@casl/ability';
import { rulesToQuery } from '@casl/ability/extra';
import type { ObjectQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Role } from './role.ts';

export type Action = 'manage' | 'read' | 'create' | 'update' | 'delete' | 'publish' | (string & {});
/** Subject names are entity names; modules add theirs. */
export type SubjectName = 'all' | 'User' | 'Unit' | 'Period' | 'CriteriaSet' | 'Criterion' | (string & {});
/** Rows are checked as `subject('Name', row)` (see guard.ts), so their type is explicit. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- with unknown values CASL infers `never` for conditions on string subjects
export type AppAbility = MongoAbility<[Action, SubjectName | ForcedSubject<SubjectName> | Record<string, any>], MongoQuery>;

/** The signed-in user as every request sees it. */
export interface AuthUser {
  id: number;
  username: string;
  displayName: string;
  roles: Role[];
  unitId: number | null;
  /** Until the user has replaced a password someone else chose, they get no permissions (only `changePassword`). */
  mustChangePassword?: boolean;
}

/**
 * Who acts: the signed-in user with what their rules allow. Every service takes it as its
 * `actor` parameter (resolvers and routes get it from `requireUser(ctx)`).
 */
export interface Actor extends AuthUser {
  ability: AppAbility;
}

/**
 * The server acting through the services on its own authority (the demo seed), as `user` for
 * authorship and audit: every rule allows it. Requests never get one.
 */
export function systemActor(user: AuthUser): Actor {
  return { ...user, ability: createMongoAbility<AppAbility>([{ action: 'manage', subject: 'all' }]) };
}

export type RuleBuilder = AbilityBuilder<AppAbility>;

/**
 * What rules need to know beyond the user (e.g. which consultations the user's unit is invited to).
 * Rules are synchronous, so each module loads its facts when the ability is built (see
 * ServerModule.permissionFacts) and adds its key here by declaration merging.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- empty here on purpose: each module declares its own key
export interface PermissionFacts {}
export type PermissionFactsLoader = (em: EntityManager, user: AuthUser) => Promise<Partial<PermissionFacts>>;

/** Each module defines the rules for its own subjects in one function of this shape. */
export type PermissionRules = (user: AuthUser, rules: RuleBuilder, facts: Partial<PermissionFacts>) => void;

export const hasRole = (user: AuthUser, ...roles: Role[]) => roles.some((role) => user.roles.includes(role));
export const isUnitUser = (user: AuthUser) => user.unitId !== null && hasRole(user, Role.UNIT_STAFF, Role.UNIT_LEAD);

/** Builds the ability of one user from every module's rules; anonymous callers get none. */
export function buildAbility(user: AuthUser | null, modules: PermissionRules[], facts: Partial<PermissionFacts> = {}): AppAbility {
  const builder = new AbilityBuilder<AppAbility>(createMongoAbility);
  if (user) for (const define of modules) define(user, builder, facts);
  return builder.build();
}

/** `{ 'a.b': x }` → `{ a: { b: x } }`: CASL accepts dotted paths, MikroORM wants nesting. */
function nestDottedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(nestDottedKeys);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  const result: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    const path = key.startsWith('$') ? [key] : key.split('.');
    let target = result;
    for (const part of path.slice(0, -1)) target = (target[part] ??= {}) as Record<string, unknown>;
    target[path.at(-1)!] = nestDottedKeys(inner);
  }
  return result;
}

/**
 * The rows `action` is allowed on, as a MikroORM filter, so denied rows are never loaded.
 * `null` means nothing is allowed (callers return an empty result without querying);
 * `{}` means everything. Combine with other filters through `$and`, never by merging objects.
 */
export function permittedFilter<T>(ability: AppAbility, action: Action, subject: SubjectName): ObjectQuery<T> | null {
  const query = rulesToQuery(ability, action, subject, (rule) =>
    rule.inverted ? { $not: rule.conditions as object } : (rule.conditions as object),
  );
  if (query === null) return null;
  return nestDottedKeys(query) as ObjectQuery<T>;
}

/** `filter` narrowed to what the ability allows, or null when nothing is. */
export function withPermission<T>(
  ability: AppAbility,
  action: Action,
  subject: SubjectName,
  filter: ObjectQuery<T> = {},
): ObjectQuery<T> | null {
  const permitted = permittedFilter<T>(ability, action, subject);
  if (permitted === null) return null;
  return { $and: [filter, permitted] } as ObjectQuery<T>;
}
