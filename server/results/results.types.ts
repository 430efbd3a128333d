import { ArrayMaxSize, IsOptional, Length, Matches, ValidateNested } from 'class-validator';
import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { CriterionKind } from '../criteria/index.ts';
import { AggregatedConnection, DecimalRangeInput, IntRangeInput, OrderBy, SortDirection } from '../shared/connection.ts';
import { DecimalScalar } from '../shared/decimal.ts';
import { UnitSelectionFilter, UnitView } from '../units/index.ts';
import { describedEnum, stringEnum, type EnumValue } from '../shared/enum.ts';
import { registerEnum } from '../shared/graphql-enum.ts';

export const ResultBasis = describedEnum({
  SELF_ASSESSED: 'Self-scores: the period’s appraisal is not final yet (provisional).',
  APPRAISED: 'Final appraised scores (round 2, else round 1, else the self-score): the period is FINALIZED.',
});
export type ResultBasis = EnumValue<typeof ResultBasis>;
registerEnum(ResultBasis, 'ResultBasis', { description: 'Which points the achieved total is made of.' });

export const ResultSheetState = stringEnum('NO_SHEET', 'DRAFT', 'SUBMITTED');
export type ResultSheetState = EnumValue<typeof ResultSheetState>;
registerEnum(ResultSheetState, 'ResultSheetState', { description: 'The unit’s score sheet for the period.' });

export const ResultOrderField = stringEnum('RANK', 'INDEX', 'CHANGE', 'TOTAL', 'ACHIEVED', 'UNIT_CODE', 'UNIT_NAME', 'BLOCK');
export type ResultOrderField = EnumValue<typeof ResultOrderField>;
registerEnum(ResultOrderField, 'ResultOrderField');

@ObjectType('ResultGroup', {
  simpleResolvers: true,
  description: 'A ranking group: units whose index is at least minIndex (and below the next group).',
})
export class ResultGroupView {
  @Field() code!: string;
  @Field() label!: string;
  @Field(() => DecimalScalar) minIndex!: string;
}

@ObjectType('AreaResult', {
  simpleResolvers: true,
  description: 'A component index: one area (lĩnh vực) of one unit, without bonus and deduction.',
})
export class AreaResultView {
  @Field({ description: 'Area code, the key across criteria-set versions.' }) code!: string;
  @Field() title!: string;
  @Field(() => DecimalScalar) achieved!: string;
  @Field(() => DecimalScalar, { description: 'Maxima of the applicable sub-criteria.' }) applicableMax!: string;
  @Field(() => DecimalScalar, { nullable: true, description: '%; null when nothing in the area applies.' }) index!: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'Average of this area’s index over the block.' }) blockAverage!: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'The same area (by code) in the compared period.' }) previousIndex!:
    string | null;
  @Field(() => DecimalScalar, { nullable: true }) change!: string | null;
}

@ObjectType('ResultDetails', {
  simpleResolvers: true,
  description: 'How the index is made up. Visible to the secretariat, appraisers, analysts and the unit itself.',
})
export class ResultDetailsView {
  @Field(() => ResultBasis) basis!: ResultBasis;
  @Field(() => ResultSheetState) sheetState!: ResultSheetState;
  @Field(() => DecimalScalar, { description: 'Points of the applicable sub-criteria on the basis (survey points included).' })
  achieved!: string;
  @Field(() => DecimalScalar) selfAchieved!: string;
  @Field(() => DecimalScalar, { description: 'Appraised so far (round 2, else round 1, else self), even before the period is final.' })
  appraisedAchieved!: string;
  @Field(() => DecimalScalar) applicableMax!: string;
  @Field(() => DecimalScalar) surveyPoints!: string;
  @Field(() => DecimalScalar) surveyMax!: string;
  @Field(() => Int, { description: 'Applicable survey sub-criteria without imported points (counted as 0).' }) surveyMissing!: number;
  @Field(() => DecimalScalar, { description: 'Bonus before the cap.' }) bonusRaw!: string;
  @Field(() => DecimalScalar) bonus!: string;
  @Field(() => DecimalScalar) bonusCap!: string;
  @Field(() => DecimalScalar, { description: 'Deduction before the cap.' }) deductionRaw!: string;
  @Field(() => DecimalScalar) deduction!: string;
  @Field(() => DecimalScalar) deductionCap!: string;
  @Field(() => DecimalScalar, { description: 'achieved + bonus − deduction.' }) total!: string;
  @Field(() => [AreaResultView]) areas!: AreaResultView[];
}

@ObjectType('PeriodResult', { simpleResolvers: true, description: 'One unit’s index and rank in a period.' })
export class PeriodResultView {
  @Field(() => Int) periodId!: number;
  @Field(() => UnitView) unit!: UnitView;
  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'total ÷ applicable maximum × 100, two decimals (half away from zero); null when nothing applies.',
  })
  index!: string | null;
  @Field(() => Int, { nullable: true, description: 'Rank within the block; ties share a rank (1, 1, 3).' }) rank!: number | null;
  @Field(() => Int) blockSize!: number;
  @Field(() => ResultGroupView, { nullable: true }) group!: ResultGroupView | null;
  @Field(() => Int, { nullable: true, description: 'The period compared against (by default the previous year).' }) previousPeriodId!:
    number | null;
  @Field(() => DecimalScalar, { nullable: true }) previousIndex!: string | null;
  @Field(() => Int, { nullable: true }) previousRank!: number | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'index − previousIndex, in percentage points.' }) change!: string | null;
  @Field({ description: 'Whether the period’s results are published.' }) published!: boolean;
  @Field(() => ResultDetailsView, {
    nullable: true,
    description: 'Null when the caller may see only the index and rank (other units, for unit users).',
  })
  details!: ResultDetailsView | null;
}

@ObjectType('DecimalStats', { simpleResolvers: true })
export class DecimalStatsView {
  @Field(() => DecimalScalar, { nullable: true }) avg!: string | null;
  @Field(() => DecimalScalar, { nullable: true }) min!: string | null;
  @Field(() => DecimalScalar, { nullable: true }) max!: string | null;
}

@ObjectType('GroupCount', { simpleResolvers: true })
export class GroupCountView {
  @Field(() => String, { nullable: true, description: 'Null: no group (no index).' }) code!: string | null;
  @Field(() => Int) count!: number;
}

@ObjectType('ResultAggregates', { simpleResolvers: true, description: 'Over every row matching the filter, not only this page.' })
export class ResultAggregatesView {
  @Field(() => Int) count!: number;
  @Field(() => DecimalStatsView) index!: DecimalStatsView;
  @Field(() => [GroupCountView]) groups!: GroupCountView[];
}

@ObjectType()
export class PeriodResultConnection extends AggregatedConnection(PeriodResultView, 'PeriodResult', ResultAggregatesView) {}

@InputType()
export class ResultFilter extends UnitSelectionFilter {
  @Field(() => [String], { nullable: true, description: 'Group codes, e.g. ["A", "B"].' }) @IsOptional() @ArrayMaxSize(20) groupCodes?:
    string[] | null;
  @Field(() => DecimalRangeInput, { nullable: true }) @IsOptional() @ValidateNested() index?: DecimalRangeInput | null;
  @Field(() => IntRangeInput, { nullable: true }) @IsOptional() @ValidateNested() rank?: IntRangeInput | null;
  @Field(() => DecimalRangeInput, { nullable: true, description: 'Change against the compared period, in percentage points.' })
  @IsOptional()
  @ValidateNested()
  change?: DecimalRangeInput | null;
  @Field(() => [ResultSheetState], { nullable: true }) sheet?: ResultSheetState[] | null;
}

@InputType()
export class ResultOrder extends OrderBy(ResultOrderField, 'ResultOrder', SortDirection.ASC) {}

@InputType()
export class ResultGroupInput {
  @Field() @Length(1, 16) @Matches(/^[A-Za-z0-9_+-]+$/, { message: 'code may contain letters, digits, _, + and -' }) code!: string;
  @Field() @Length(1, 200) label!: string;
  @Field(() => DecimalScalar, { description: 'From this index (inclusive), in %.' }) minIndex!: string;
}

@ObjectType('ResultsPublication', { simpleResolvers: true })
export class ResultsPublicationView {
  @Field() publishedAt!: Date;
  @Field({ description: 'Display name of the secretariat member who published.' }) publishedBy!: string;
}

export const ComparisonStatus = describedEnum({
  MATCHED: 'The code is in both versions (its maximum may differ).',
  NEW: 'Only in the current version.',
  REMOVED: 'Only in the compared (previous) version.',
});
export type ComparisonStatus = EnumValue<typeof ComparisonStatus>;
registerEnum(ComparisonStatus, 'ComparisonStatus', { description: 'How a criterion code maps across the two criteria-set versions.' });

@ObjectType('CriterionComparison', { simpleResolvers: true, description: 'One criterion of one unit in two periods, matched by code.' })
export class CriterionComparisonView {
  @Field() code!: string;
  @Field() title!: string;
  @Field(() => Int) level!: number;
  @Field(() => CriterionKind) kind!: CriterionKind;
  @Field(() => ComparisonStatus) status!: ComparisonStatus;
  @Field(() => DecimalScalar, { nullable: true }) maxPoints!: string | null;
  @Field(() => DecimalScalar, { nullable: true }) previousMaxPoints!: string | null;
  @Field(() => DecimalScalar, { nullable: true }) achieved!: string | null;
  @Field(() => DecimalScalar, { nullable: true }) applicableMax!: string | null;
  @Field(() => DecimalScalar, { nullable: true }) index!: string | null;
  @Field(() => DecimalScalar, { nullable: true }) previousAchieved!: string | null;
  @Field(() => DecimalScalar, { nullable: true }) previousApplicableMax!: string | null;
  @Field(() => DecimalScalar, { nullable: true }) previousIndex!: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'index − previousIndex, in percentage points.' }) change!: string | null;
}

@ObjectType('ResultComparison', { simpleResolvers: true, description: 'A unit’s year-over-year comparison, criterion by criterion.' })
export class ResultComparisonView {
  @Field(() => Int) periodId!: number;
  @Field(() => Int, { nullable: true, description: 'Null when there is no earlier period the caller may compare with.' })
  previousPeriodId!: number | null;
  @Field(() => Int, { nullable: true }) previousYear!: number | null;
  @Field(() => Int) unitId!: number;
  @Field(() => [CriterionComparisonView], { description: 'Tree order (depth first); REMOVED criteria at their old place.' })
  criteria!: CriterionComparisonView[];
}
