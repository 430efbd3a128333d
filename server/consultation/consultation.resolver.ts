import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { isUnitUser, withPermission } from '../access/index.ts';
import { authorize, requireUser } from '../access/index.ts';
import { criteriaSetLoader } from '../criteria/index.ts';
import { CriteriaSetView } from '../criteria/index.ts';
import type { AppContext } from '../access/index.ts';
import { Consultation } from './consultation.entity.ts';
import { canReadSynthesis, readableConsultation } from './consultation.guard.ts';
import {
  commentCountsLoader, commentWhere, laterVersionsLoader, participationsLoader, queryComments, queryConsultations,
} from './consultation.read.ts';
import * as service from './consultation.service.ts';
import {
  CommentCountView, FeedbackCommentFilter, ConsultationView, FeedbackCommentView, OpenConsultationInput, ParticipationView,
  SynthesisRowView, SynthesisSummaryView, UpdateConsultationInput,
} from './consultation.types.ts';
import { summaryLoader, synthesisRows } from './synthesis.read.ts';

/** Where the portal downloads the synthesis (see consultation.routes.ts). */
export const synthesisPath = (id: number) => `/api/consultations/${id}/synthesis.xlsx`;

@Resolver(() => ConsultationView)
export class ConsultationResolver {
  @Query(() => [ConsultationView], { description: 'Rounds the caller may read (units: those they are invited to), newest first.' })
  async consultations(@Ctx() ctx: AppContext): Promise<ConsultationView[]> {
    requireUser(ctx);
    const where = withPermission<Consultation>(ctx.ability, 'read', 'Consultation');
    return where ? queryConsultations(ctx.em, where) : [];
  }

  @Query(() => ConsultationView)
  consultation(@Arg('id', () => Int) id: number, @Ctx() ctx: AppContext): Promise<ConsultationView> {
    return readableConsultation(ctx, id);
  }

  @FieldResolver(() => CriteriaSetView, { description: 'The draft under consultation.' })
  async criteriaSet(@Root() consultation: ConsultationView, @Ctx() ctx: AppContext): Promise<CriteriaSetView> {
    const set = (await criteriaSetLoader(ctx).load(consultation.criteriaSetId))!;
    authorize(ctx, 'read', 'CriteriaSet', set);
    return set;
  }

  @FieldResolver(() => [CriteriaSetView], { description: 'Later versions made from this draft (readable ones), newest first.' })
  revisions(@Root() consultation: ConsultationView, @Ctx() ctx: AppContext): Promise<CriteriaSetView[]> {
    return laterVersionsLoader(ctx).load(consultation.criteriaSetId);
  }

  @FieldResolver(() => [ParticipationView], { description: 'Invited units and their answers (a unit sees its own).' })
  participations(@Root() consultation: ConsultationView, @Ctx() ctx: AppContext): Promise<ParticipationView[]> {
    return participationsLoader(ctx).load(consultation.id);
  }

  @FieldResolver(() => ParticipationView, { nullable: true, description: 'The caller’s unit’s answer, if it is invited.' })
  async myParticipation(@Root() consultation: ConsultationView, @Ctx() ctx: AppContext): Promise<ParticipationView | null> {
    const user = requireUser(ctx);
    if (!isUnitUser(user)) return null;
    return (await participationsLoader(ctx).load(consultation.id)).find((row) => row.unitId === user.unitId) ?? null;
  }

  @FieldResolver(() => [FeedbackCommentView], { description: 'Comments the caller may read, oldest first.' })
  comments(
    @Root() consultation: ConsultationView,
    @Arg('filter', () => FeedbackCommentFilter, { nullable: true }) filter: FeedbackCommentFilter | undefined,
    @Ctx() ctx: AppContext,
  ): Promise<FeedbackCommentView[]> {
    return queryComments(ctx, commentWhere(consultation.id, filter));
  }

  @FieldResolver(() => [CommentCountView], { description: 'Active comments per criterion and aspect (among those the caller may read).' })
  commentCounts(@Root() consultation: ConsultationView, @Ctx() ctx: AppContext): Promise<CommentCountView[]> {
    return commentCountsLoader(ctx).load(consultation.id);
  }

  @FieldResolver(() => SynthesisSummaryView, { nullable: true, description: 'Null unless the caller may read the synthesis.' })
  async summary(@Root() consultation: ConsultationView, @Ctx() ctx: AppContext): Promise<SynthesisSummaryView | null> {
    return canReadSynthesis(ctx, consultation.id) ? summaryLoader(ctx).load(consultation.id) : null;
  }

  @FieldResolver(() => [SynthesisRowView], { nullable: true, description: 'The synthesis table; null unless the caller may read it.' })
  async synthesis(@Root() consultation: ConsultationView, @Ctx() ctx: AppContext): Promise<SynthesisRowView[] | null> {
    return canReadSynthesis(ctx, consultation.id) ? synthesisRows(ctx.em, consultation.id) : null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Path of the .xlsx synthesis (same auth: cookie or bearer); null unless readable.' })
  synthesisDownloadUrl(@Root() consultation: ConsultationView, @Ctx() ctx: AppContext): string | null {
    return canReadSynthesis(ctx, consultation.id) ? synthesisPath(consultation.id) : null;
  }

  @Mutation(() => ConsultationView, { description: 'Opens a round on a DRAFT set (→ CONSULTATION) and invites the units.' })
  async openConsultation(@Arg('input') input: OpenConsultationInput, @Ctx() ctx: AppContext): Promise<ConsultationView> {
    const user = authorize(ctx, 'create', 'Consultation');
    const consultation = await service.openConsultation(ctx.em, user, input);
    ctx.abilities.invalidate(); // the invited units may now read the draft
    return readableConsultation(ctx, consultation.id);
  }

  @Mutation(() => ConsultationView)
  async updateConsultation(@Arg('id', () => Int) id: number, @Arg('input') input: UpdateConsultationInput, @Ctx() ctx: AppContext): Promise<ConsultationView> {
    authorize(ctx, 'update', 'Consultation');
    await service.updateConsultation(ctx.em, id, input);
    ctx.abilities.invalidate();
    return readableConsultation(ctx, id);
  }

  @Mutation(() => ConsultationView, { description: 'Ends the window now.' })
  async closeConsultation(@Arg('id', () => Int) id: number, @Ctx() ctx: AppContext): Promise<ConsultationView> {
    authorize(ctx, 'close', 'Consultation');
    await service.closeConsultation(ctx.em, id);
    ctx.abilities.invalidate(); // appraisers and analysts may now read it
    return readableConsultation(ctx, id);
  }

  @Mutation(() => ConsultationView, { description: 'After the close, with every comment answered: publishes the answers and the synthesis to the invited units.' })
  async publishSynthesis(@Arg('id', () => Int) id: number, @Ctx() ctx: AppContext): Promise<ConsultationView> {
    authorize(ctx, 'publish', 'Consultation');
    await service.publishSynthesis(ctx.em, id);
    ctx.abilities.invalidate();
    return readableConsultation(ctx, id);
  }
}
