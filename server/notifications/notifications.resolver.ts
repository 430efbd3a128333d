import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { withPermission } from '../access/index.ts';
import { requireUser } from '../access/index.ts';
import type { AppContext } from '../access/index.ts';
import { Notification } from './notification.entity.ts';
import { countUnread, queryNotifications } from './notifications.read.ts';
import { NotificationView } from './notifications.types.ts';

@Resolver()
export class NotificationsResolver {
  @Query(() => [NotificationView], { description: 'The caller’s in-app notifications, newest first.' })
  notifications(
    @Arg('unreadOnly', () => Boolean, { defaultValue: false }) unreadOnly: boolean,
    @Arg('limit', () => Int, { defaultValue: 50 }) limit: number,
    @Ctx() ctx: AppContext,
  ): Promise<NotificationView[]> {
    requireUser(ctx);
    return queryNotifications(ctx.em, ctx.ability, ctx.locale, { unreadOnly, limit: Math.min(Math.max(limit, 1), 200) });
  }

  @Query(() => Int)
  unreadNotificationCount(@Ctx() ctx: AppContext): Promise<number> {
    requireUser(ctx);
    return countUnread(ctx.em, ctx.ability);
  }

  @Mutation(() => Int, { description: 'Marks the given notifications (all when omitted) read; returns how many stay unread.' })
  async markNotificationsRead(@Arg('ids', () => [Int], { nullable: true }) ids: number[] | null, @Ctx() ctx: AppContext): Promise<number> {
    requireUser(ctx);
    const where = withPermission<Notification>(ctx.ability, 'update', 'Notification', { readAt: null, ...(ids ? { id: { $in: ids } } : {}) });
    if (where) await ctx.em.nativeUpdate(Notification, where, { readAt: new Date() });
    return countUnread(ctx.em, ctx.ability);
  }
}
