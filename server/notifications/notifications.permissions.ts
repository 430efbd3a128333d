import type { PermissionRules } from '../access/index.ts';

export const notificationsPermissions: PermissionRules = (user, { can }) => {
  can(['read', 'update'], 'Notification', { recipient: user.id });
};
