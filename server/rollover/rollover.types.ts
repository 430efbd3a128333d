import { IsInt, IsOptional, Length, Max, Min } from 'class-validator';
import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { ActorView } from '../auth/index.ts';
import { FeedbackAspect, FeedbackResolution } from '../consultation/index.ts';
import { PeriodView } from '../periods/index.ts';
import { DecimalScalar } from '../shared/decimal.ts';
import { registerEnum } from '../shared/graphql-enum.ts';
import { UnitBlock, UnitView } from '../units/index.ts';
import { AssignmentSkipReason, ChangeField, ChangeSkipReason } from './rollover.logic.ts';

registerEnum(ChangeField, 'RolloverChangeField', { description: 'The field of a copied criterion a change sets.' });
registerEnum(ChangeSkipReason, 'RolloverChangeSkipReason');
registerEnum(AssignmentSkipReason, 'RolloverAssignmentSkipReason');

@InputType()
export class RolloverInput {
  @Field(() => Int, { description: 'The year whose published criteria sets and period are carried into the next year.' })
  @IsInt()
  @Min(2000)
  @Max(2099)
  fromYear!: number;
  @Field({ nullable: true, description: 'Defaults to last year’s name with the year moved on.' })
  @IsOptional()
  @Length(1, 300)
  name?: string;
  @Field({ nullable: true, description: 'Defaults to last year’s deadline a year later.' }) selfScoringClosesAt?: Date;
  @Field({ nullable: true, description: 'Defaults to last year’s deadline a year later.' }) explanationClosesAt?: Date;
}

@ObjectType('RolloverCriteriaSet', { description: 'A draft criteria set the rollover creates: a copy of a published set of last year.' })
export class RolloverSetView {
  @Field(() => UnitBlock) block!: UnitBlock;
  @Field(() => Int) sourceSetId!: number;
  @Field(() => Int) sourceVersion!: number;
  @Field() title!: string;
  @Field(() => Int, { description: 'The version number the draft gets in the new year.' }) version!: number;
  @Field(() => Int) criterionCount!: number;
  @Field(() => Int, { description: 'Sub-criteria (scored leaves).' }) leafCount!: number;
  @Field(() => DecimalScalar, { description: 'Sum of the top-level maxima once the changes are made.' }) maxPoints!: string;
  @Field(() => [String], { description: 'Every criterion code of the copy.' }) codes!: string[];
}

@ObjectType('RolloverChange', { description: 'An accepted comment of next year’s consultation and what the rollover does with it.' })
export class RolloverChangeView {
  @Field(() => Int) commentId!: number;
  @Field(() => UnitBlock) block!: UnitBlock;
  @Field(() => String, { nullable: true }) criterionCode!: string | null;
  @Field(() => FeedbackAspect) aspect!: FeedbackAspect;
  @Field(() => FeedbackResolution) resolution!: FeedbackResolution;
  @Field({ description: 'The unit that commented.' }) unitName!: string;
  @Field() applied!: boolean;
  @Field(() => ChangeField, { nullable: true }) field!: ChangeField | null;
  @Field(() => String, { nullable: true, description: 'The new text, or the new maximum points.' }) value!: string | null;
  @Field(() => ChangeSkipReason, { nullable: true }) skipReason!: ChangeSkipReason | null;
}

@ObjectType('RolloverAssignment', { description: 'An appraiser assignment of last year’s period, carried over or not.' })
export class RolloverAssignmentView {
  @Field(() => ActorView) appraiser!: ActorView;
  @Field(() => String, { nullable: true, description: 'Null: every area.' }) areaCode!: string | null;
  @Field(() => UnitView, { nullable: true, description: 'Null: every unit.' }) unit!: UnitView | null;
  @Field(() => AssignmentSkipReason, { nullable: true, description: 'Null: carried over.' }) skipReason!: AssignmentSkipReason | null;
}

@ObjectType('RolloverPlan', {
  description:
    'Exactly what starting the next year creates, in one transaction; `rollOverYear` creates it only while the plan is unchanged.',
})
export class RolloverPlanView {
  @Field(() => Int) fromYear!: number;
  @Field(() => Int) toYear!: number;
  @Field(() => PeriodView, { description: 'Last year’s period: deadlines and assignments come from it.' }) sourcePeriod!: PeriodView;
  @Field() periodName!: string;
  @Field() selfScoringClosesAt!: Date;
  @Field(() => Date, { nullable: true }) explanationClosesAt!: Date | null;
  @Field(() => [RolloverSetView]) criteriaSets!: RolloverSetView[];
  @Field(() => [RolloverChangeView], { description: 'Accepted comments: applied, or why not.' }) changes!: RolloverChangeView[];
  @Field(() => [UnitView], {
    description: 'Units taking part: the active units of the new sets’ blocks (a period’s units are those of its blocks).',
  })
  units!: UnitView[];
  @Field(() => [RolloverAssignmentView], { description: 'Last year’s assignments; those without skipReason are created.' })
  assignments!: RolloverAssignmentView[];
  @Field(() => Int) criterionCount!: number;
  @Field(() => Int) assignmentCount!: number;
  @Field({ description: 'Identifies this plan: pass it to rollOverYear, which refuses if the plan has changed since.' }) digest!: string;
}

@ObjectType('RolloverOutcome')
export class RolloverOutcomeView {
  @Field(() => PeriodView, { description: 'The new period (PLANNED), with the new drafts.' }) period!: PeriodView;
  @Field(() => RolloverPlanView, { description: 'What was created: the plan the preview showed.' }) plan!: RolloverPlanView;
}
