import { Arg, Ctx, FieldResolver, Int, Mutation, Resolver, Root } from 'type-graphql';
import { criteriaTreeLoader } from '../criteria/index.ts';
import { CriterionView } from '../criteria/index.ts';
import type { AppContext } from '../access/index.ts';
import { UnitView } from '../units/index.ts';
import { commentNotFound } from './consultation.errors.ts';
import { authorizeUnitAction } from './consultation.guard.ts';
import { consultationLoader, queryComments, queryParticipations, responseLoader, revisionsLoader } from './consultation.read.ts';
import {
  FeedbackCommentInput, FeedbackCommentRevisionView, FeedbackCommentView, FeedbackResponseView, ParticipationView,
  UpdateFeedbackCommentInput,
} from './consultation.types.ts';
import * as service from './feedback.service.ts';

async function readComment(ctx: AppContext, id: number): Promise<FeedbackCommentView> {
  const [comment] = await queryComments(ctx, { id });
  if (!comment) throw commentNotFound(id);
  return comment;
}

async function ownParticipation(ctx: AppContext, consultationId: number, unitId: number): Promise<ParticipationView> {
  const [participation] = await queryParticipations(ctx, { consultation: consultationId, unit: unitId });
  return participation!;
}

@Resolver(() => FeedbackCommentView)
export class FeedbackCommentResolver {
  @FieldResolver(() => UnitView)
  unit(@Root() comment: FeedbackCommentView): UnitView {
    return comment.unitRow;
  }

  @FieldResolver(() => CriterionView, { nullable: true, description: 'The criterion of the draft; null for a comment on the whole draft.' })
  async criterion(@Root() comment: FeedbackCommentView, @Ctx() ctx: AppContext): Promise<CriterionView | null> {
    if (comment.criterionId === null) return null;
    const consultation = (await consultationLoader(ctx).load(comment.consultationId))!;
    return (await criteriaTreeLoader(ctx).load(consultation.criteriaSetId)).byId.get(comment.criterionId) ?? null;
  }

  @FieldResolver(() => FeedbackResponseView, { nullable: true, description: 'The answer, once the caller may see it (units: once published).' })
  response(@Root() comment: FeedbackCommentView, @Ctx() ctx: AppContext): Promise<FeedbackResponseView | null> {
    return responseLoader(ctx).load(comment.id);
  }

  @FieldResolver(() => [FeedbackCommentRevisionView], { description: 'Every saved version, oldest first.' })
  revisions(@Root() comment: FeedbackCommentView, @Ctx() ctx: AppContext): Promise<FeedbackCommentRevisionView[]> {
    return revisionsLoader(ctx).load(comment.id);
  }

  @Mutation(() => FeedbackCommentView, { description: 'A unit comments on the draft (while the window is open, before its lead submits).' })
  async addFeedbackComment(@Arg('input') input: FeedbackCommentInput, @Ctx() ctx: AppContext): Promise<FeedbackCommentView> {
    const actor = await authorizeUnitAction(ctx, 'create', 'FeedbackComment', input.consultationId);
    const comment = await service.addComment(ctx.em, actor, input);
    return readComment(ctx, comment.id);
  }

  @Mutation(() => FeedbackCommentView, { description: 'Edits one of the unit’s own comments; the previous version is kept.' })
  async updateFeedbackComment(
    @Arg('id', () => Int) id: number,
    @Arg('input') input: UpdateFeedbackCommentInput,
    @Ctx() ctx: AppContext,
  ): Promise<FeedbackCommentView> {
    const owner = await service.commentOwner(ctx.em, id);
    const actor = await authorizeUnitAction(ctx, 'update', 'FeedbackComment', owner.consultation, owner);
    await service.updateComment(ctx.em, actor, id, input);
    return readComment(ctx, id);
  }

  @Mutation(() => FeedbackCommentView, { description: 'Withdraws one of the unit’s own comments (kept, with its history, out of the synthesis).' })
  async withdrawFeedbackComment(@Arg('id', () => Int) id: number, @Ctx() ctx: AppContext): Promise<FeedbackCommentView> {
    const owner = await service.commentOwner(ctx.em, id);
    const actor = await authorizeUnitAction(ctx, 'withdraw', 'FeedbackComment', owner.consultation, owner);
    await service.withdrawComment(ctx.em, actor, id);
    return readComment(ctx, id);
  }
}

@Resolver(() => ParticipationView)
export class ParticipationResolver {
  @FieldResolver(() => UnitView)
  unit(@Root() participation: ParticipationView): UnitView {
    return participation.unitRow;
  }

  @Mutation(() => ParticipationView, { description: 'Records (or takes back) that the unit agrees with the draft without comment.' })
  async setAgreesWithoutComment(
    @Arg('consultationId', () => Int) consultationId: number,
    @Arg('agrees') agrees: boolean,
    @Ctx() ctx: AppContext,
  ): Promise<ParticipationView> {
    const actor = await authorizeUnitAction(ctx, 'answer', 'ConsultationParticipation', consultationId);
    await service.setAgreement(ctx.em, actor, consultationId, agrees);
    return ownParticipation(ctx, consultationId, actor.unitId);
  }

  @Mutation(() => ParticipationView, { description: 'UNIT_LEAD: confirms the unit’s answer as its official one (no comment = agrees).' })
  async submitFeedback(@Arg('consultationId', () => Int) consultationId: number, @Ctx() ctx: AppContext): Promise<ParticipationView> {
    const actor = await authorizeUnitAction(ctx, 'submit', 'ConsultationParticipation', consultationId);
    await service.submitAnswer(ctx.em, actor, consultationId);
    return ownParticipation(ctx, consultationId, actor.unitId);
  }

  @Mutation(() => ParticipationView, { description: 'UNIT_LEAD: takes the submission back while the window is open.' })
  async reopenFeedback(@Arg('consultationId', () => Int) consultationId: number, @Ctx() ctx: AppContext): Promise<ParticipationView> {
    const actor = await authorizeUnitAction(ctx, 'reopen', 'ConsultationParticipation', consultationId);
    await service.reopenAnswer(ctx.em, actor, consultationId);
    return ownParticipation(ctx, consultationId, actor.unitId);
  }
}
