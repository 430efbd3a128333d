import type { EntityManager } from '@mikro-orm/postgresql';
import { withPermission, type AppAbility } from '../access/index.ts';
import type { Locale } from '../shared/i18n.ts';
import { renderNotification } from './messages.ts';
import { Notification } from './notification.entity.ts';
import type { NotificationView } from './notifications.types.ts';

/** The caller's notifications, newest first (CASL narrows to their own, in SQL). */
export async function queryNotifications(em: EntityManager, ability: AppAbility, locale: Locale, options: { unreadOnly: boolean; limit: number }): Promise<NotificationView[]> {
  const where = withPermission<Notification>(ability, 'read', 'Notification', options.unreadOnly ? { readAt: null } : {});
  if (!where) return [];
  const rows = await em.createQueryBuilder(Notification, 'n')
    .select(['id', 'kind', 'params', 'link', 'createdAt', 'readAt'])
    .where(where)
    .orderBy({ createdAt: 'desc', id: 'desc' })
    .limit(options.limit)
    .execute('all');
  return rows.map((row) => ({
    id: row.id, kind: row.kind, link: row.link ?? null, createdAt: row.createdAt, readAt: row.readAt ?? null,
    message: renderNotification(row.kind, row.params, locale),
  }));
}

export async function countUnread(em: EntityManager, ability: AppAbility): Promise<number> {
  const where = withPermission<Notification>(ability, 'read', 'Notification', { readAt: null });
  return where ? em.count(Notification, where) : 0;
}
