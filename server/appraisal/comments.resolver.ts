import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireUser, type AppContext } from '../access/index.ts';
import { AppraisalItemView, QueueItemView, QueueSheetView } from './appraisal.types.ts';
import { commentCountsLoader, readableThread, revisionsLoader } from './comments.read.ts';
import * as service from './comments.service.ts';
import { AddCommentInput, CommentFilter, CommentRevisionView, CommentView, EditCommentInput } from './comments.types.ts';
import { IdArg } from '../shared/args.ts';

async function commentIn(ctx: AppContext, scoreId: number, id: number): Promise<CommentView> {
  return (await readableThread(ctx, scoreId)).find((comment) => comment.id === id)!;
}

@Resolver(() => CommentView)
export class CommentsResolver {
  @Query(() => [CommentView], {
    description: 'Comments on a sub-criterion’s score and its evidence, oldest first; `parentId` builds the threads.',
  })
  comments(
    @IdArg('scoreId') scoreId: number,
    @Arg('filter', () => CommentFilter, { nullable: true }) filter: CommentFilter | undefined,
    @Ctx() ctx: AppContext,
  ): Promise<CommentView[]> {
    return readableThread(ctx, scoreId, filter?.evidenceId);
  }

  @FieldResolver(() => [CommentRevisionView], { description: 'Earlier texts, oldest first.' })
  revisions(@Root() comment: CommentView, @Ctx() ctx: AppContext): Promise<CommentRevisionView[]> {
    return revisionsLoader(ctx).load(comment.id);
  }

  @Mutation(() => CommentView)
  async addComment(@Arg('input') input: AddCommentInput, @Ctx() ctx: AppContext): Promise<CommentView> {
    const id = await service.addComment(ctx.em, requireUser(ctx), input);
    return commentIn(ctx, input.scoreId, id);
  }

  @Mutation(() => CommentView, { description: 'Only the author edits; the previous text is kept.' })
  async editComment(@Arg('input') input: EditCommentInput, @Ctx() ctx: AppContext): Promise<CommentView> {
    const scoreId = await service.editComment(ctx.em, requireUser(ctx), input);
    return commentIn(ctx, scoreId, input.id);
  }

  @Mutation(() => CommentView, { description: 'Marks a thread resolved (or open again).' })
  async resolveComment(
    @IdArg() id: number,
    @Arg('resolved', () => Boolean, { defaultValue: true }) resolved: boolean,
    @Ctx() ctx: AppContext,
  ): Promise<CommentView> {
    const scoreId = await service.resolveThread(ctx.em, requireUser(ctx), id, resolved);
    return commentIn(ctx, scoreId, id);
  }

  @Mutation(() => [CommentView], { description: 'The caller has read this sub-criterion’s comments; returns them.' })
  async markCommentsRead(@IdArg('scoreId') scoreId: number, @Ctx() ctx: AppContext): Promise<CommentView[]> {
    await service.markCommentsRead(ctx.em, requireUser(ctx), scoreId);
    return readableThread(ctx, scoreId);
  }
}

/** Comment counts on the appraisal read models (their sheets were authorised when they were loaded). */
@Resolver(() => AppraisalItemView)
export class AppraisalItemCommentsResolver {
  @FieldResolver(() => Int)
  async commentCount(@Root() item: AppraisalItemView, @Ctx() ctx: AppContext): Promise<number> {
    return (await commentCountsLoader(ctx).load(item.scoreId)).total;
  }

  @FieldResolver(() => Int, { description: 'Comments by others since the caller last read them (the badge).' })
  async newCommentCount(@Root() item: AppraisalItemView, @Ctx() ctx: AppContext): Promise<number> {
    return (await commentCountsLoader(ctx).load(item.scoreId)).unread;
  }
}

@Resolver(() => QueueItemView)
export class QueueItemCommentsResolver {
  @FieldResolver(() => Int)
  async newCommentCount(@Root() item: QueueItemView, @Ctx() ctx: AppContext): Promise<number> {
    return (await commentCountsLoader(ctx).load(item.scoreId)).unread;
  }
}

@Resolver(() => QueueSheetView)
export class QueueSheetCommentsResolver {
  @FieldResolver(() => Int)
  async newCommentCount(@Root() sheet: QueueSheetView, @Ctx() ctx: AppContext): Promise<number> {
    const counts = await commentCountsLoader(ctx).loadMany(sheet.items.map((item) => item.scoreId));
    return counts.reduce<number>((sum, count) => sum + (count instanceof Error ? 0 : count.unread), 0);
  }
}
