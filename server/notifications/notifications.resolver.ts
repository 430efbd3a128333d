import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { requireUser, type AppContext } from '../access/index.ts';
import { countUnread, queryNotifications } from './notifications.read.ts';
import { markNotificationsRead } from './notifications.service.ts';
import { NotificationView } from './notifications.types.ts';

@Resolver()
export class NotificationsResolver {
  @Query(() => [NotificationView], { description: 'The caller’s in-app notifications, newest first.' })
  notifications(
    @Arg('unreadOnly', () => Boolean, { defaultValue: false }) unreadOnly: boolean,
    @Arg('limit', () => Int, { defaultValue: 50 }) limit: number,
    @Ctx() ctx: AppContext,
  ): Promise<NotificationView[]> {
    return queryNotifications(ctx.em, requireUser(ctx), { unreadOnly, limit });
  }

  @Query(() => Int)
  unreadNotificationCount(@Ctx() ctx: AppContext): Promise<number> {
    return countUnread(ctx.em, requireUser(ctx));
  }

  @Mutation(() => Int, { description: 'Marks the given notifications (all when omitted) read; returns how many stay unread.' })
  async markNotificationsRead(@Arg('ids', () => [Int], { nullable: true }) ids: number[] | null, @Ctx() ctx: AppContext): Promise<number> {
    const actor = requireUser(ctx);
    await markNotificationsRead(ctx.em, actor, ids);
    return countUnread(ctx.em, actor);
  }
}
