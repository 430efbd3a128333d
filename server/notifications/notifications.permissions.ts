import type { PermissionRules } from '../auth/ability.ts';

export const notificationsPermissions: PermissionRules = (user, { can }) => {
  can(['read', 'update'], 'Notification', { recipient: user.id });
};
