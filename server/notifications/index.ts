import type { ServerModule } from '../access/index.ts';
import { Notification } from './notification.entity.ts';
import { notificationsPermissions } from './notifications.permissions.ts';
import { NotificationsResolver } from './notifications.resolver.ts';

export const notificationsModule: ServerModule = {
  name: 'notifications',
  entities: [Notification],
  resolvers: [NotificationsResolver],
  permissions: notificationsPermissions,
};

// The public surface: what other modules may use.
export { NotificationKind } from './notification.entity.ts';
export { notify, notifyUnits, unitMembers } from './notifications.service.ts';
export { deadlinesOf, noticeOverdue, remindOfDeadlines, type Deadline } from './reminders.service.ts';
