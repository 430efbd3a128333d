/** Roles in the PAR Index cycle (see docs/domain.md). */
export enum Role {
  UNIT_STAFF = 'UNIT_STAFF',
  UNIT_LEAD = 'UNIT_LEAD',
  APPRAISER = 'APPRAISER',
  SECRETARIAT = 'SECRETARIAT',
  ANALYST = 'ANALYST',
  ADMIN = 'ADMIN',
}

/** Roles that act for one unit and therefore need a unit. */
export const UNIT_ROLES: readonly Role[] = [Role.UNIT_STAFF, Role.UNIT_LEAD];
