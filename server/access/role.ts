import { describedEnum, type EnumValue } from '../shared/enum.ts';
/** Roles in the PAR Index cycle (see docs/domain.md). */
export const Role = describedEnum({
  UNIT_STAFF: 'Unit staff: self-scores and attaches evidence for their unit.',
  UNIT_LEAD: 'Head of a unit: signs off and submits.',
  APPRAISER: 'Member of the appraisal council.',
  SECRETARIAT: 'Department of Home Affairs secretariat: runs periods and consultations.',
  ANALYST: 'Reads everything through GraphQL.',
  ADMIN: 'Manages user accounts.',
});
export type Role = EnumValue<typeof Role>;

/** Roles that act for one unit and therefore need a unit. */
export const UNIT_ROLES: readonly Role[] = [Role.UNIT_STAFF, Role.UNIT_LEAD];
