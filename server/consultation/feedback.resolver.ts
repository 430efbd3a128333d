import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { requireUser, type AppContext } from '../access/index.ts';
import { criteriaTreeLoader, CriterionView } from '../criteria/index.ts';
import { UnitView } from '../units/index.ts';
import { commentNotFound } from './consultation.errors.ts';
import { consultationLoader, queryComments, queryParticipations, responseLoader, revisionsLoader } from './consultation.read.ts';
import {
  FeedbackCommentInput,
  FeedbackCommentRevisionView,
  FeedbackCommentView,
  FeedbackResponseView,
  ParticipationView,
  UpdateFeedbackCommentInput,
} from './consultation.types.ts';
import * as service from './feedback.service.ts';
import { IdArg } from '../shared/args.ts';

async function readComment(ctx: AppContext, id: number): Promise<FeedbackCommentView> {
  const [comment] = await queryComments(ctx, { id });
  if (!comment) throw commentNotFound(requireUser(ctx), id);
  return comment;
}

async function participationOf(ctx: AppContext, consultationId: number, unitId: number): Promise<ParticipationView> {
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

  @FieldResolver(() => FeedbackResponseView, {
    nullable: true,
    description: 'The answer, once the caller may see it (units: once published).',
  })
  response(@Root() comment: FeedbackCommentView, @Ctx() ctx: AppContext): Promise<FeedbackResponseView | null> {
    return responseLoader(ctx).load(comment.id);
  }

  @FieldResolver(() => [FeedbackCommentRevisionView], { description: 'Every saved version, oldest first.' })
  revisions(@Root() comment: FeedbackCommentView, @Ctx() ctx: AppContext): Promise<FeedbackCommentRevisionView[]> {
    return revisionsLoader(ctx).load(comment.id);
  }

  @Mutation(() => FeedbackCommentView, { description: 'A unit comments on the draft (while the window is open, before its lead submits).' })
  async addFeedbackComment(@Arg('input') input: FeedbackCommentInput, @Ctx() ctx: AppContext): Promise<FeedbackCommentView> {
    const comment = await service.addComment(ctx.em, requireUser(ctx), input);
    return readComment(ctx, comment.id);
  }

  @Mutation(() => FeedbackCommentView, { description: 'Edits one of the unit’s own comments; the previous version is kept.' })
  async updateFeedbackComment(
    @IdArg() id: number,
    @Arg('input') input: UpdateFeedbackCommentInput,
    @Ctx() ctx: AppContext,
  ): Promise<FeedbackCommentView> {
    await service.updateComment(ctx.em, requireUser(ctx), id, input);
    return readComment(ctx, id);
  }

  @Mutation(() => FeedbackCommentView, {
    description: 'Withdraws one of the unit’s own comments (kept, with its history, out of the synthesis).',
  })
  async withdrawFeedbackComment(@IdArg() id: number, @Ctx() ctx: AppContext): Promise<FeedbackCommentView> {
    await service.withdrawComment(ctx.em, requireUser(ctx), id);
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
    @IdArg('consultationId') consultationId: number,
    @Arg('agrees') agrees: boolean,
    @Ctx() ctx: AppContext,
  ): Promise<ParticipationView> {
    const actor = requireUser(ctx);
    await service.setAgreement(ctx.em, actor, consultationId, agrees);
    return participationOf(ctx, consultationId, actor.unitId!);
  }

  @Mutation(() => ParticipationView, { description: 'UNIT_LEAD: confirms the unit’s answer as its official one (no comment = agrees).' })
  async submitFeedback(@IdArg('consultationId') consultationId: number, @Ctx() ctx: AppContext): Promise<ParticipationView> {
    const actor = requireUser(ctx);
    await service.submitAnswer(ctx.em, actor, consultationId);
    return participationOf(ctx, consultationId, actor.unitId!);
  }

  @Mutation(() => ParticipationView, { description: 'UNIT_LEAD: takes the submission back while the window is open.' })
  async reopenFeedback(@IdArg('consultationId') consultationId: number, @Ctx() ctx: AppContext): Promise<ParticipationView> {
    const actor = requireUser(ctx);
    await service.reopenAnswer(ctx.em, actor, consultationId);
    return participationOf(ctx, consultationId, actor.unitId!);
  }
}
