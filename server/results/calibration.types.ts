import { ArrayMaxSize, IsOptional } from 'class-validator';
import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { Connection, OrderBy, SortDirection } from '../shared/connection.ts';
import { DecimalScalar } from '../shared/decimal.ts';
import { UnitBlock, UnitSelectionFilter } from '../units/index.ts';
import { describedEnum, stringEnum, type EnumValue } from '../shared/enum.ts';
import { registerEnum } from '../shared/graphql-enum.ts';

export const CalibrationDimension = describedEnum({
  CRITERION: 'Per sub-criterion: which are most often lowered (the computed "common errors" list).',
  UNIT: 'Per unit: which over-score most.',
  APPRAISER: 'Per appraiser (the one who set the final score).',
});
export type CalibrationDimension = EnumValue<typeof CalibrationDimension>;
registerEnum(CalibrationDimension, 'CalibrationDimension');

export const CalibrationOrderField = stringEnum(
  'LOWERED_COUNT',
  'LOWERED_SHARE',
  'OVER_SCORE',
  'GAP_SUM',
  'AVERAGE_GAP',
  'APPRAISED_COUNT',
  'CODE',
);
export type CalibrationOrderField = EnumValue<typeof CalibrationOrderField>;
registerEnum(CalibrationOrderField, 'CalibrationOrderField');

@ObjectType('CalibrationRow', {
  simpleResolvers: true,
  description: 'Self-scores against final appraised scores for one sub-criterion, unit or appraiser.',
})
export class CalibrationRowView {
  @Field(() => Int, { description: 'Criterion, unit or user id, after `by`.' }) id!: number;
  @Field({ description: 'Criterion code, unit code or username.' }) code!: string;
  @Field() label!: string;
  @Field(() => UnitBlock, { nullable: true }) block!: UnitBlock | null;
  @Field(() => String, { nullable: true, description: 'By CRITERION: the area code.' }) areaCode!: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'By CRITERION: the sub-criterion maximum.' }) maxPoints!: string | null;
  @Field(() => Int, { description: 'Appraised, applicable, self-scored sub-criteria.' }) appraisedCount!: number;
  @Field(() => Int, { description: 'Appraised below the self-score.' }) loweredCount!: number;
  @Field(() => Int) raisedCount!: number;
  @Field(() => Int) unchangedCount!: number;
  @Field(() => DecimalScalar) selfSum!: string;
  @Field(() => DecimalScalar) appraisedSum!: string;
  @Field(() => DecimalScalar, { description: 'Σ (appraised − self): negative when scores were lowered.' }) gapSum!: string;
  @Field(() => DecimalScalar, { description: 'Σ points removed by the appraisal (lowered items only).' }) overScoreSum!: string;
  @Field(() => DecimalScalar) averageGap!: string;
  @Field(() => DecimalScalar, { description: '% of the appraised items that were lowered.' }) loweredShare!: string;
}

@ObjectType('CalibrationSummary', { simpleResolvers: true, description: 'Over every appraised item matching the filter.' })
export class CalibrationSummaryView {
  @Field(() => Int) appraisedCount!: number;
  @Field(() => Int) loweredCount!: number;
  @Field(() => Int) raisedCount!: number;
  @Field(() => DecimalScalar) gapSum!: string;
  @Field(() => DecimalScalar) overScoreSum!: string;
}

@ObjectType()
export class CalibrationConnection extends Connection(CalibrationRowView, 'CalibrationRow') {
  @Field(() => CalibrationSummaryView) summary!: CalibrationSummaryView;
}

@InputType()
export class CalibrationFilter extends UnitSelectionFilter {
  @Field(() => [String], { nullable: true }) @IsOptional() @ArrayMaxSize(50) areaCodes?: string[] | null;
}

@InputType()
export class CalibrationOrder extends OrderBy(CalibrationOrderField, 'CalibrationOrder', SortDirection.DESC) {}
