import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireUser, type AppContext } from '../access/index.ts';
import { CriteriaSetView } from '../criteria/index.ts';
import {
  commentCountsLoader,
  commentWhere,
  laterVersionsLoader,
  ownParticipation,
  participationsLoader,
  queryComments,
  readableConsultation,
  readableConsultations,
  readableDraft,
} from './consultation.read.ts';
import * as service from './consultation.service.ts';
import {
  CommentCountView,
  ConsultationView,
  FeedbackCommentFilter,
  FeedbackCommentView,
  OpenConsultationInput,
  ParticipationView,
  SynthesisRowView,
  SynthesisSummaryView,
  UpdateConsultationInput,
} from './consultation.types.ts';
import { readableSummary, readableSynthesisRows, readableSynthesisUrl } from './synthesis.read.ts';
import { IdArg } from '../shared/args.ts';

@Resolver(() => ConsultationView)
export class ConsultationResolver {
  @Query(() => [ConsultationView], { description: 'Rounds the caller may read (units: those they are invited to), newest first.' })
  consultations(@Ctx() ctx: AppContext): Promise<ConsultationView[]> {
    return readableConsultations(ctx);
  }

  @Query(() => ConsultationView)
  consultation(@IdArg() id: number, @Ctx() ctx: AppContext): Promise<ConsultationView> {
    return readableConsultation(ctx, id);
  }

  @FieldResolver(() => CriteriaSetView, { description: 'The draft under consultation.' })
  criteriaSet(@Root() consultation: ConsultationView, @Ctx() ctx: AppContext): Promise<CriteriaSetView> {
    return readableDraft(ctx, consultation);
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
  myParticipation(@Root() consultation: ConsultationView, @Ctx() ctx: AppContext): Promise<ParticipationView | null> {
    return ownParticipation(ctx, consultation);
  }

  @FieldResolver(() => [FeedbackCommentView], { description: 'Comments the caller may read, oldest first.' })
  async comments(
    @Root() consultation: ConsultationView,
    @Arg('filter', () => FeedbackCommentFilter, { nullable: true }) filter: FeedbackCommentFilter | undefined,
    @Ctx() ctx: AppContext,
  ): Promise<FeedbackCommentView[]> {
    return queryComments(ctx, await commentWhere(ctx, consultation.id, filter));
  }

  @FieldResolver(() => [CommentCountView], { description: 'Active comments per criterion and aspect (among those the caller may read).' })
  commentCounts(@Root() consultation: ConsultationView, @Ctx() ctx: AppContext): Promise<CommentCountView[]> {
    return commentCountsLoader(ctx).load(consultation.id);
  }

  @FieldResolver(() => SynthesisSummaryView, { nullable: true, description: 'Null unless the caller may read the synthesis.' })
  async summary(@Root() consultation: ConsultationView, @Ctx() ctx: AppContext): Promise<SynthesisSummaryView | null> {
    return readableSummary(ctx, consultation.id);
  }

  @FieldResolver(() => [SynthesisRowView], { nullable: true, description: 'The synthesis table; null unless the caller may read it.' })
  async synthesis(@Root() consultation: ConsultationView, @Ctx() ctx: AppContext): Promise<SynthesisRowView[] | null> {
    return readableSynthesisRows(ctx, consultation.id);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Path of the .xlsx synthesis (same auth: cookie or bearer); null unless readable.',
  })
  synthesisDownloadUrl(@Root() consultation: ConsultationView, @Ctx() ctx: AppContext): string | null {
    return readableSynthesisUrl(ctx, consultation.id);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Path of the synthesis as an official .docx (Decree 30 layout) to file; null unless readable.',
  })
  synthesisDocxUrl(@Root() consultation: ConsultationView, @Ctx() ctx: AppContext): string | null {
    return readableSynthesisUrl(ctx, consultation.id, 'docx');
  }

  @Mutation(() => ConsultationView, { description: 'Opens a round on a DRAFT set (→ CONSULTATION) and invites the units.' })
  async openConsultation(@Arg('input') input: OpenConsultationInput, @Ctx() ctx: AppContext): Promise<ConsultationView> {
    const consultation = await service.openConsultation(ctx.em, requireUser(ctx), input);
    await ctx.abilities.invalidate(); // the invited units may now read the draft
    return readableConsultation(ctx, consultation.id);
  }

  @Mutation(() => ConsultationView)
  async updateConsultation(
    @IdArg() id: number,
    @Arg('input') input: UpdateConsultationInput,
    @Ctx() ctx: AppContext,
  ): Promise<ConsultationView> {
    await service.updateConsultation(ctx.em, requireUser(ctx), id, input);
    await ctx.abilities.invalidate();
    return readableConsultation(ctx, id);
  }

  @Mutation(() => ConsultationView, { description: 'Ends the window now.' })
  async closeConsultation(@IdArg() id: number, @Ctx() ctx: AppContext): Promise<ConsultationView> {
    await service.closeConsultation(ctx.em, requireUser(ctx), id);
    await ctx.abilities.invalidate(); // appraisers and analysts may now read it
    return readableConsultation(ctx, id);
  }

  @Mutation(() => ConsultationView, {
    description: 'After the close, with every comment answered: publishes the answers and the synthesis to the invited units.',
  })
  async publishSynthesis(@IdArg() id: number, @Ctx() ctx: AppContext): Promise<ConsultationView> {
    await service.publishSynthesis(ctx.em, requireUser(ctx), id);
    await ctx.abilities.invalidate();
    return readableConsultation(ctx, id);
  }
}
