import type { EntityManager } from '@mikro-orm/postgresql';
import { withPermission, type Actor } from '../access/index.ts';
import { currentLocale } from '../shared/i18n.ts';
import { renderNotification } from './messages.ts';
import { Notification } from './notification.entity.ts';
import type { NotificationView } from './notifications.types.ts';

/** The caller's notifications, newest first (CASL narrows to their own, in SQL). */
export async function queryNotifications(
  em: EntityManager,
  actor: Actor,
  options: { unreadOnly: boolean; limit: number },
): Promise<NotificationView[]> {
  const where = withPermission<Notification>(actor.ability, 'read', 'Notification', options.unreadOnly ? { readAt: null } : {});
  if (!where) return [];
  const rows = await em
    .createQueryBuilder(Notification, 'n')
    .select(['id', 'kind', 'params', 'link', 'createdAt', 'readAt'])
    .where(where)
    .orderBy({ createdAt: 'desc', id: 'desc' })
    .limit(Math.min(Math.max(options.limit, 1), 200))
    .execute('all');
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    link: row.link ?? null,
    createdAt: row.createdAt,
    readAt: row.readAt ?? null,
    message: renderNotification(row.kind, row.params, currentLocale()),
  }));
}

/** How many of the caller's notifications are unread. */
export async function countUnread(em: EntityManager, actor: Actor): Promise<number> {
  const where = withPermission<Notification>(actor.ability, 'read', 'Notification', { readAt: null });
  return where ? em.count(Notification, where) : 0;
}
