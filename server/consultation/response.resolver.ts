import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireUser, type AppContext } from '../access/index.ts';
import { criteriaTreeLoader, criterionChange, CriterionChangeView, CriterionView } from '../criteria/index.ts';
import { queryComments, readableRevisedCriterion, readableTemplates, templateView } from './consultation.read.ts';
import {
  FeedbackCommentView,
  FeedbackResponseView,
  RespondInput,
  ResponseTemplateInput,
  ResponseTemplateView,
  UpdateResponseTemplateInput,
} from './consultation.types.ts';
import * as service from './response.service.ts';
import { IdArg } from '../shared/args.ts';

@Resolver(() => FeedbackResponseView)
export class FeedbackResponseResolver {
  @FieldResolver(() => CriterionView, {
    nullable: true,
    description: 'The criterion of the later version this answer changed (if the caller may read that version).',
  })
  revisedCriterion(@Root() response: FeedbackResponseView, @Ctx() ctx: AppContext): Promise<CriterionView | null> {
    return readableRevisedCriterion(ctx, response);
  }

  @FieldResolver(() => CriterionChangeView, {
    nullable: true,
    description: 'How the commented criterion changed in the later version (word-level).',
  })
  async revisionChange(@Root() response: FeedbackResponseView, @Ctx() ctx: AppContext): Promise<CriterionChangeView | null> {
    if (response.commentCriterionId === null) return null;
    const [revised, trees] = await Promise.all([
      readableRevisedCriterion(ctx, response),
      criteriaTreeLoader(ctx).load(response.commentSetId),
    ]);
    const original = trees.byId.get(response.commentCriterionId);
    return revised && original ? criterionChange(original, revised) : null;
  }

  @Mutation(() => [FeedbackCommentView], {
    description: 'Answers one or more comments of a round with the same draft answer (bulk answer, templates).',
  })
  async respondToComments(@Arg('input') input: RespondInput, @Ctx() ctx: AppContext): Promise<FeedbackCommentView[]> {
    await service.respond(ctx.em, requireUser(ctx), input);
    return queryComments(ctx, { id: { $in: input.commentIds } });
  }

  @Mutation(() => Int, {
    description: 'Publishes draft answers of a round to the units that commented (all, or those of `commentIds`); returns how many.',
  })
  async publishResponses(
    @IdArg('consultationId') consultationId: number,
    @Arg('commentIds', () => [Int], { nullable: true }) commentIds: number[] | undefined,
    @Ctx() ctx: AppContext,
  ): Promise<number> {
    return service.publishResponses(ctx.em, requireUser(ctx), consultationId, commentIds);
  }

  @Query(() => [ResponseTemplateView])
  responseTemplates(@Ctx() ctx: AppContext): Promise<ResponseTemplateView[]> {
    return readableTemplates(ctx);
  }

  @Mutation(() => ResponseTemplateView)
  async createResponseTemplate(@Arg('input') input: ResponseTemplateInput, @Ctx() ctx: AppContext): Promise<ResponseTemplateView> {
    return templateView(await service.createTemplate(ctx.em, requireUser(ctx), input));
  }

  @Mutation(() => ResponseTemplateView)
  async updateResponseTemplate(
    @IdArg() id: number,
    @Arg('input') input: UpdateResponseTemplateInput,
    @Ctx() ctx: AppContext,
  ): Promise<ResponseTemplateView> {
    return templateView(await service.updateTemplate(ctx.em, requireUser(ctx), id, input));
  }

  @Mutation(() => Boolean)
  async deleteResponseTemplate(@IdArg() id: number, @Ctx() ctx: AppContext): Promise<boolean> {
    await service.deleteTemplate(ctx.em, requireUser(ctx), id);
    return true;
  }
}
