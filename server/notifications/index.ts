import type { ServerModule } from '../access/module.ts';
import { Notification } from './notification.entity.ts';
import { notificationsPermissions } from './notifications.permissions.ts';
import { NotificationsResolver } from './notifications.resolver.ts';
import { sendDeadlineReminders } from './reminders.service.ts';

export const notificationsModule: ServerModule = {
  name: 'notifications',
  entities: [Notification],
  resolvers: [NotificationsResolver],
  permissions: notificationsPermissions,
  jobs: [{ name: 'deadline-reminders', everyMs: 3_600_000, run: sendDeadlineReminders }],
};
