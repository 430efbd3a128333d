import { subject as asSubject } from '@casl/ability';
import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { authorize } from '../access/index.ts';
import { criterionChange } from '../criteria/index.ts';
import { CriterionChangeView } from '../criteria/index.ts';
import { criteriaSetLoader, criteriaTreeLoader } from '../criteria/index.ts';
import { CriterionView } from '../criteria/index.ts';
import type { AppContext } from '../access/index.ts';
import { readableConsultation } from './consultation.guard.ts';
import { queryComments } from './consultation.read.ts';
import { FeedbackCommentView, FeedbackResponseView, RespondInput, ResponseTemplateInput, ResponseTemplateView } from './consultation.types.ts';
import { ResponseTemplate } from './feedback.entity.ts';
import * as service from './response.service.ts';

const templateView = ({ id, title, resolution, explanation }: ResponseTemplate): ResponseTemplateView =>
  ({ id, title, resolution, explanation: explanation ?? null });

@Resolver(() => FeedbackResponseView)
export class FeedbackResponseResolver {
  @FieldResolver(() => CriterionView, { nullable: true, description: 'The criterion of the later version this answer changed (if the caller may read that version).' })
  async revisedCriterion(@Root() response: FeedbackResponseView, @Ctx() ctx: AppContext): Promise<CriterionView | null> {
    if (response.revisedCriterionId === null || response.revisedSetId === null) return null;
    const set = await criteriaSetLoader(ctx).load(response.revisedSetId);
    if (!set || !ctx.ability.can('read', asSubject('CriteriaSet', { ...set }))) return null;
    return (await criteriaTreeLoader(ctx).load(set.id)).byId.get(response.revisedCriterionId) ?? null;
  }

  @FieldResolver(() => CriterionChangeView, { nullable: true, description: 'How the commented criterion changed in the later version (word-level).' })
  async revisionChange(@Root() response: FeedbackResponseView, @Ctx() ctx: AppContext): Promise<CriterionChangeView | null> {
    if (response.commentCriterionId === null) return null;
    const [revised, trees] = await Promise.all([this.revisedCriterion(response, ctx), criteriaTreeLoader(ctx).load(response.commentSetId)]);
    const original = trees.byId.get(response.commentCriterionId);
    return revised && original ? criterionChange(original, revised) : null;
  }

  @Mutation(() => [FeedbackCommentView], { description: 'Answers one or more comments of a round with the same draft answer (bulk answer, templates).' })
  async respondToComments(@Arg('input') input: RespondInput, @Ctx() ctx: AppContext): Promise<FeedbackCommentView[]> {
    const user = authorize(ctx, 'respond', 'FeedbackResponse');
    await service.respond(ctx.em, user, input);
    return queryComments(ctx, { id: { $in: input.commentIds } });
  }

  @Mutation(() => Int, { description: 'Publishes draft answers of a round to the units that commented (all, or those of `commentIds`); returns how many.' })
  async publishResponses(
    @Arg('consultationId', () => Int) consultationId: number,
    @Arg('commentIds', () => [Int], { nullable: true }) commentIds: number[] | undefined,
    @Ctx() ctx: AppContext,
  ): Promise<number> {
    authorize(ctx, 'publish', 'FeedbackResponse');
    await readableConsultation(ctx, consultationId);
    return service.publishResponses(ctx.em, consultationId, commentIds);
  }

  @Query(() => [ResponseTemplateView])
  async responseTemplates(@Ctx() ctx: AppContext): Promise<ResponseTemplateView[]> {
    authorize(ctx, 'read', 'ResponseTemplate');
    return (await ctx.em.find(ResponseTemplate, {}, { orderBy: { title: 'asc' } })).map(templateView);
  }

  @Mutation(() => ResponseTemplateView)
  async createResponseTemplate(@Arg('input') input: ResponseTemplateInput, @Ctx() ctx: AppContext): Promise<ResponseTemplateView> {
    authorize(ctx, 'create', 'ResponseTemplate');
    return templateView(await service.createTemplate(ctx.em, input));
  }

  @Mutation(() => ResponseTemplateView)
  async updateResponseTemplate(@Arg('id', () => Int) id: number, @Arg('input') input: ResponseTemplateInput, @Ctx() ctx: AppContext): Promise<ResponseTemplateView> {
    authorize(ctx, 'update', 'ResponseTemplate');
    return templateView(await service.updateTemplate(ctx.em, id, input));
  }

  @Mutation(() => Boolean)
  async deleteResponseTemplate(@Arg('id', () => Int) id: number, @Ctx() ctx: AppContext): Promise<boolean> {
    authorize(ctx, 'delete', 'ResponseTemplate');
    await service.deleteTemplate(ctx.em, id);
    return true;
  }
}
