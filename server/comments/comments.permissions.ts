import type { PermissionRules } from '../access/ability.ts';

/** Who may comment on a sheet is the appraisal module's `comment` rule on `SheetReview`; here only authorship. */
export const commentsPermissions: PermissionRules = (user, { can }) => {
  can('update', 'Comment', { author: user.id });
};
