import { IsOptional, MaxLength } from 'class-validator';
import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { UnitView } from '../units/index.ts';
import { ProgressView } from './scoring.types.ts';
import { describedEnum, type EnumValue } from '../shared/enum.ts';
import { registerEnum } from '../shared/graphql-enum.ts';

/** Where a unit stands in self-scoring, as the secretariat follows it. */
export const SelfScoringState = describedEnum({
  NOT_STARTED: 'The unit has not opened its sheet.',
  DRAFT: 'The unit is filling its sheet in.',
  SUBMITTED: 'The unit lead has submitted the sheet.',
});
export type SelfScoringState = EnumValue<typeof SelfScoringState>;
registerEnum(SelfScoringState, 'SelfScoringState');

@ObjectType('UnitSelfScoring', { description: 'One unit of a period in the self-scoring overview (every active unit of its blocks).' })
export class UnitSelfScoringView {
  @Field(() => UnitView) unit!: UnitView;
  @Field(() => Int, { nullable: true, description: 'Null until the unit opens its sheet.' }) sheetId!: number | null;
  @Field(() => SelfScoringState) state!: SelfScoringState;
  @Field(() => ProgressView) progress!: ProgressView;
  @Field(() => Date, { nullable: true, description: 'The last change to its sheet, scores or evidence.' }) lastActivityAt!: Date | null;
  @Field(() => Date, { nullable: true }) submittedAt!: Date | null;
  @Field({ description: 'Its deadline: the period’s, or its extension when later.' }) deadline!: Date;
  @Field(() => Date, { nullable: true, description: 'Its own extended deadline, if any.' }) extendedTo!: Date | null;
  @Field(() => String, { nullable: true }) extensionReason!: string | null;
  @Field({ description: 'It can still change its sheet: not submitted and before its deadline while the period is in self-scoring.' })
  open!: boolean;
}

@InputType({ description: 'A later self-scoring deadline for one unit (gia hạn), with the reason.' })
export class ExtendSelfScoringInput {
  @Field(() => Int) periodId!: number;
  @Field(() => Int) unitId!: number;
  @Field({ description: 'In the future, and later than the period’s deadline.' }) until!: Date;
  @Field() @MaxLength(2000) reason!: string;
}

@InputType({ description: 'A new self-scoring deadline for the whole period (omit `closesAt` to close it now).' })
export class SelfScoringDeadlineInput {
  @Field(() => Int) periodId!: number;
  @Field(() => Date, { nullable: true, description: 'Omitted or null: now (close self-scoring for every unit without an extension).' })
  closesAt?: Date | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(2000) reason?: string | null;
}
