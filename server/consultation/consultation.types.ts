import { ArrayMaxSize, ArrayNotEmpty, IsOptional, Length, MaxLength } from 'class-validator';
import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { UnitBlock, type UnitView } from '../units/index.ts';
import { FeedbackAspect, FeedbackCommentStatus, FeedbackResolution, FeedbackResponseStatus } from './feedback.entity.ts';
import { describedEnum, type EnumValue } from '../shared/enum.ts';
import { registerEnum } from '../shared/graphql-enum.ts';

/** Where a round stands, derived from its dates. */
export const ConsultationStatus = describedEnum({
  UPCOMING: 'Announced; feedback is accepted from `opensAt`.',
  OPEN: 'Invited units may comment until `closesAt`.',
  CLOSED: 'No more feedback; the secretariat answers.',
  PUBLISHED: 'The synthesis (bảng tổng hợp, tiếp thu, giải trình) is published to the invited units.',
});
export type ConsultationStatus = EnumValue<typeof ConsultationStatus>;

/** A unit's answer so far; `submittedAt` says whether the unit lead confirmed it. */
export const ParticipationState = describedEnum({
  NOT_ANSWERED: 'No comment and no agreement: taken to agree.',
  COMMENTED: 'At least one comment that is not withdrawn.',
  AGREED_WITHOUT_COMMENT: 'Recorded that the unit agrees with the draft as it is.',
});
export type ParticipationState = EnumValue<typeof ParticipationState>;

registerEnum(ConsultationStatus, 'ConsultationStatus');
registerEnum(ParticipationState, 'ParticipationState');
registerEnum(FeedbackAspect, 'FeedbackAspect');
registerEnum(FeedbackCommentStatus, 'FeedbackCommentStatus');
registerEnum(FeedbackResolution, 'FeedbackResolution');
registerEnum(FeedbackResponseStatus, 'FeedbackResponseStatus');

@ObjectType('Consultation', { description: 'A consultation round on a draft criteria set.' })
export class ConsultationView {
  @Field(() => Int) id!: number;
  @Field(() => Int) criteriaSetId!: number;
  @Field() title!: string;
  @Field() introduction!: string;
  @Field() opensAt!: Date;
  @Field() closesAt!: Date;
  @Field(() => ConsultationStatus) status!: ConsultationStatus;
  @Field(() => Date, { nullable: true }) synthesisPublishedAt!: Date | null;
  @Field() createdAt!: Date;
  @Field(() => Int, { description: 'Send it back with `updateConsultation`; a stale version is a CONFLICT.' }) version!: number;
}

@ObjectType('ConsultationParticipation', { description: 'An invited unit and its answer.' })
export class ParticipationView {
  @Field(() => Int) id!: number;
  @Field(() => Int) consultationId!: number;
  @Field(() => Int) unitId!: number;
  @Field() agreesWithoutComment!: boolean;
  @Field(() => Int, { description: 'Comments that are not withdrawn.' }) activeComments!: number;
  @Field(() => ParticipationState) state!: ParticipationState;
  @Field(() => Date, { nullable: true, description: 'When the unit lead confirmed the answer; it is frozen since.' })
  submittedAt!: Date | null;
  @Field(() => String, { nullable: true }) submittedByName!: string | null;
  /** Not in the schema: the unit, read with the row (served by the `unit` field). */
  unitRow!: UnitView;
}

/**
 * What a comment says and whether it stands (not emitted itself): the comment, each version it was saved at, and the
 * analysts' feedback record share it.
 */
@ObjectType('FeedbackContentBase')
export abstract class FeedbackContentView {
  @Field(() => FeedbackAspect) aspect!: FeedbackAspect;
  @Field() text!: string;
  @Field(() => String, { nullable: true }) proposedWording!: string | null;
  @Field(() => FeedbackCommentStatus) status!: FeedbackCommentStatus;
}

@ObjectType('FeedbackComment', { description: 'A unit’s comment on a criterion of the draft (or on the whole draft).' })
export class FeedbackCommentView extends FeedbackContentView {
  @Field(() => Int) id!: number;
  @Field(() => Int) consultationId!: number;
  @Field(() => Int) unitId!: number;
  @Field(() => Int, { nullable: true, description: 'Null: a comment on the whole draft.' }) criterionId!: number | null;
  @Field(() => String, { nullable: true }) authorName!: string | null;
  @Field(() => Int) version!: number;
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;
  @Field(() => Date, { nullable: true }) withdrawnAt!: Date | null;
  /** Not in the schema: the unit, read with the row (served by the `unit` field). */
  unitRow!: UnitView;
}

@ObjectType('FeedbackCommentRevision', { simpleResolvers: true, description: 'A comment as it was saved at one version.' })
export class FeedbackCommentRevisionView extends FeedbackContentView {
  @Field(() => Int) version!: number;
  @Field(() => Int, { nullable: true }) criterionId!: number | null;
  @Field(() => String, { nullable: true }) savedByName!: string | null;
  @Field() savedAt!: Date;
}

@ObjectType('FeedbackResponse', { description: 'The department’s answer to a comment.' })
export class FeedbackResponseView {
  @Field(() => Int) id!: number;
  @Field(() => Int) commentId!: number;
  @Field(() => FeedbackResolution) resolution!: FeedbackResolution;
  @Field(() => String, { nullable: true }) explanation!: string | null;
  @Field(() => FeedbackResponseStatus) status!: FeedbackResponseStatus;
  @Field(() => Int, { nullable: true, description: 'The criterion of a later version this answer changed.' })
  revisedCriterionId!: number | null;
  @Field(() => String, { nullable: true }) respondedByName!: string | null;
  @Field(() => Int, { description: 'Send it back with `respondToComments`; a stale version is a CONFLICT.' }) version!: number;
  @Field() updatedAt!: Date;
  @Field(() => Date, { nullable: true }) publishedAt!: Date | null;
  /** Not in the schema: where the field resolvers find the two criteria. */
  revisedSetId!: number | null;
  commentCriterionId!: number | null;
  commentSetId!: number;
}

@ObjectType('ResponseTemplate', { simpleResolvers: true })
export class ResponseTemplateView {
  @Field(() => Int) id!: number;
  @Field() title!: string;
  @Field(() => FeedbackResolution) resolution!: FeedbackResolution;
  @Field(() => String, { nullable: true }) explanation!: string | null;
  @Field(() => Int, { description: 'Send it back with `updateResponseTemplate`; a stale version is a CONFLICT.' }) version!: number;
}

@ObjectType('CommentCount', { description: 'Comments on one criterion and aspect.' })
export class CommentCountView {
  @Field(() => Int, { nullable: true }) criterionId!: number | null;
  @Field(() => FeedbackAspect) aspect!: FeedbackAspect;
  @Field(() => Int) total!: number;
  @Field(() => Int, { description: 'Without a response the caller may read (for a unit: without a published answer).' })
  unanswered!: number;
}

@ObjectType('AspectCount', { simpleResolvers: true })
export class AspectCountView {
  @Field(() => FeedbackAspect) aspect!: FeedbackAspect;
  @Field(() => Int) count!: number;
}

@ObjectType('ResolutionCount', { simpleResolvers: true })
export class ResolutionCountView {
  @Field(() => FeedbackResolution, { nullable: true, description: 'Null: not answered yet.' }) resolution!: FeedbackResolution | null;
  @Field(() => Int) count!: number;
}

@ObjectType('SynthesisSummary', { simpleResolvers: true, description: 'The introduction of the synthesis report.' })
export class SynthesisSummaryView {
  @Field(() => Int) unitsInvited!: number;
  @Field(() => Int, { description: 'Commented or agreed without comment.' }) unitsAnswered!: number;
  @Field(() => Int) unitsCommented!: number;
  @Field(() => Int) unitsAgreedWithoutComment!: number;
  @Field(() => Int, { description: 'Did not answer: taken to agree.' }) unitsNotAnswered!: number;
  @Field(() => Int, { description: 'Answers confirmed by the unit lead.' }) unitsConfirmed!: number;
  @Field(() => Int) comments!: number;
  @Field(() => [AspectCountView]) byAspect!: AspectCountView[];
  @Field(() => [ResolutionCountView]) byResolution!: ResolutionCountView[];
}

@ObjectType('SynthesisRow', { simpleResolvers: true, description: 'One comment of the synthesis table, in criteria order.' })
export class SynthesisRowView {
  @Field(() => Int) commentId!: number;
  @Field(() => String, { nullable: true }) criterionCode!: string | null;
  @Field(() => String, { nullable: true }) criterionTitle!: string | null;
  @Field() unitCode!: string;
  @Field() unitName!: string;
  @Field(() => FeedbackAspect) aspect!: FeedbackAspect;
  @Field() text!: string;
  @Field(() => String, { nullable: true }) proposedWording!: string | null;
  @Field(() => FeedbackResolution, { nullable: true }) resolution!: FeedbackResolution | null;
  @Field(() => String, { nullable: true }) explanation!: string | null;
  @Field(() => FeedbackResponseStatus, { nullable: true }) responseStatus!: FeedbackResponseStatus | null;
  @Field(() => String, { nullable: true, description: 'Code of the criterion changed in a later version.' }) revisedCriterionCode!:
    string | null;
}

const TEXT_LIMIT = 20_000;

@InputType()
export class OpenConsultationInput {
  @Field(() => Int, { description: 'A DRAFT set; it becomes CONSULTATION.' }) criteriaSetId!: number;
  @Field() @Length(1, 500) title!: string;
  @Field({ description: 'Covering text for the units; opens the synthesis report.' }) @MaxLength(TEXT_LIMIT) introduction!: string;
  @Field() opensAt!: Date;
  @Field() closesAt!: Date;
  @Field(() => [UnitBlock], { nullable: true, description: 'Every active unit of these blocks is invited.' })
  @IsOptional()
  @ArrayMaxSize(3)
  invitedBlocks?: UnitBlock[];
  @Field(() => [Int], { nullable: true, description: 'And these units.' }) @IsOptional() @ArrayMaxSize(5000) invitedUnitIds?: number[];
}

@InputType()
export class UpdateConsultationInput {
  @Field(() => Int, { description: 'The `version` the edit was made on; CONFLICT when the round changed since.' }) version!: number;
  @Field({ nullable: true }) @IsOptional() @Length(1, 500) title?: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(TEXT_LIMIT) introduction?: string;
  @Field({ nullable: true, description: 'Extends or shortens the window; must stay after `opensAt`.' }) closesAt?: Date;
}

@InputType({ description: 'Text fields: at most 10,000 characters, stored in Unicode NFC.' })
export class FeedbackCommentInput {
  @Field(() => Int) consultationId!: number;
  @Field(() => Int, { nullable: true, description: 'A criterion of the draft; omit for a comment on the whole draft (aspect GENERAL).' })
  criterionId?: number | null;
  @Field(() => FeedbackAspect) aspect!: FeedbackAspect;
  @Field() text!: string;
  @Field(() => String, { nullable: true }) proposedWording?: string | null;
}

@InputType()
export class UpdateFeedbackCommentInput {
  @Field(() => Int, { description: 'The `version` the edit was made on; CONFLICT when the comment changed since.' }) version!: number;
  @Field(() => Int, { nullable: true }) criterionId?: number | null;
  @Field(() => FeedbackAspect, { nullable: true }) aspect?: FeedbackAspect;
  @Field({ nullable: true }) text?: string;
  @Field(() => String, { nullable: true }) proposedWording?: string | null;
}

@InputType()
export class FeedbackCommentFilter {
  @Field(() => Int, { nullable: true }) unitId?: number;
  @Field(() => UnitBlock, { nullable: true }) block?: UnitBlock;
  @Field(() => Int, { nullable: true }) criterionId?: number;
  @Field(() => FeedbackAspect, { nullable: true }) aspect?: FeedbackAspect;
  @Field(() => FeedbackResolution, { nullable: true }) resolution?: FeedbackResolution;
  @Field({ nullable: true, description: 'Only comments without a response the caller may read (for a unit: without a published answer).' })
  unanswered?: boolean;
  @Field({ nullable: true, description: 'Also withdrawn comments (default: only active ones).' }) includeWithdrawn?: boolean;
}

@InputType({ description: 'One answer for one or more comments (bulk answer for comments that say the same thing).' })
export class RespondInput {
  @Field(() => [Int]) @ArrayNotEmpty() @ArrayMaxSize(500) commentIds!: number[];
  @Field(() => [Int], {
    description:
      'The `version` of each comment’s answer the edit was made on, in the order of `commentIds` (0 for a comment not answered yet); CONFLICT when an answer changed since.',
  })
  @ArrayMaxSize(500)
  versions!: number[];
  @Field(() => FeedbackResolution, { nullable: true, description: 'Defaults to the template’s.' }) resolution?: FeedbackResolution;
  @Field(() => String, { nullable: true, description: 'Required for PARTIALLY_ACCEPTED and NOT_ACCEPTED; defaults to the template’s.' })
  explanation?: string | null;
  @Field(() => Int, { nullable: true }) templateId?: number;
  @Field(() => Int, { nullable: true, description: 'A criterion of a later version of the draft that this answer changed.' })
  revisedCriterionId?: number | null;
}

@InputType()
export class ResponseTemplateInput {
  @Field() @Length(1, 200) title!: string;
  @Field(() => FeedbackResolution) resolution!: FeedbackResolution;
  @Field(() => String, { nullable: true }) explanation?: string | null;
}

@InputType()
export class UpdateResponseTemplateInput extends ResponseTemplateInput {
  @Field(() => Int, { description: 'The `version` the edit was made on; CONFLICT when the template changed since.' }) version!: number;
}
