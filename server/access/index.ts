/**
 * The access layer: who is calling (request context, session token), what they may do (CASL
 * abilities built from every module's rules, cached), the guards that enforce it, and the
 * translation of rules into SQL. It imports no domain module; modules import it through this file.
 */
export { AbilityCache } from './ability-cache.ts';
export { hasRole, isUnitUser, systemActor, withPermission } from './ability.ts';
export type { Action, Actor, AppAbility, AuthUser, PermissionFactsLoader, PermissionRules, SubjectName } from './ability.ts';
export { AUTHENTICATED, createRequestContext, perRequest } from './context.ts';
export type { AppContext } from './context.ts';
export { allowedOnEveryRow, authorize, lockAfterCheck, lockAuthorized, missingRow, requireReadable, requireUser } from './guard.ts';
export { apiRoute, httpErrorHandler, positiveId, sendError } from './http.ts';
export { groupBy, listsByIdLoader, requestLoader, rowsByIdLoader } from './loaders.ts';
export type { RouteDeps, ServerModule, Sessions } from './module.ts';
export { columnsOn, permissionSql } from './permission-sql.ts';
export type { SubjectColumns } from './permission-sql.ts';
export { Role, UNIT_ROLES } from './role.ts';
export { SESSION_COOKIE, tokenFromRequest } from './token.ts';
