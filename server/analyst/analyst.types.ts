import { ArrayMaxSize, IsOptional, ValidateNested } from 'class-validator';
import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { CriterionKind } from '../criteria/criteria.entity.ts';
import { ResultSheetState } from '../results/results.types.ts';
import { Connection, DecimalRangeInput, SortDirection } from '../shared/connection.ts';
import { DecimalScalar } from '../shared/decimal.ts';
import { UnitBlock } from '../units/unit.entity.ts';
import { UnitView } from '../units/unit.types.ts';

export enum ScoreRecordOrderField {
  UNIT_CODE = 'UNIT_CODE',
  CRITERION_CODE = 'CRITERION_CODE',
  SELF_POINTS = 'SELF_POINTS',
  FINAL_POINTS = 'FINAL_POINTS',
  GAP = 'GAP',
}
registerEnumType(ScoreRecordOrderField, { name: 'ScoreRecordOrderField', valuesConfig: { GAP: { description: 'final − self.' }, CRITERION_CODE: { description: 'Tree order.' } } });

export enum ScoreGroupBy {
  UNIT = 'UNIT',
  AREA = 'AREA',
  CRITERION = 'CRITERION',
  BLOCK = 'BLOCK',
}
registerEnumType(ScoreGroupBy, { name: 'ScoreGroupBy' });

export enum ScoreGroupOrderField {
  KEY = 'KEY',
  COUNT = 'COUNT',
  SELF_SUM = 'SELF_SUM',
  FINAL_SUM = 'FINAL_SUM',
  FINAL_AVERAGE = 'FINAL_AVERAGE',
}
registerEnumType(ScoreGroupOrderField, { name: 'ScoreGroupOrderField', valuesConfig: { KEY: { description: 'Unit code, or tree order for areas and criteria.' } } });

@ObjectType('ScoredCriterion', { simpleResolvers: true })
export class ScoredCriterionView {
  @Field(() => Int) id!: number;
  @Field() code!: string;
  @Field() title!: string;
  @Field(() => DecimalScalar) maxPoints!: string;
  @Field(() => CriterionKind) kind!: CriterionKind;
}

@ObjectType('ScoreRecord', { simpleResolvers: true, description: 'One scored sub-criterion of one unit’s sheet, for analysis.' })
export class ScoreRecordView {
  @Field(() => Int) id!: number;
  @Field(() => Int) periodId!: number;
  @Field(() => UnitView) unit!: UnitView;
  @Field(() => ScoredCriterionView) criterion!: ScoredCriterionView;
  @Field() areaCode!: string;
  @Field() areaTitle!: string;
  @Field(() => ResultSheetState) sheetStatus!: ResultSheetState;
  @Field() applicable!: boolean;
  @Field(() => DecimalScalar, { nullable: true }) selfPoints!: string | null;
  @Field({ description: 'Whether the caller may see the appraisal of this unit (else the appraised fields are null).' }) appraisalVisible!: boolean;
  @Field(() => DecimalScalar, { nullable: true }) round1Points!: string | null;
  @Field(() => DecimalScalar, { nullable: true }) round2Points!: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'Round 2, else round 1, else the self-score.' }) finalPoints!: string | null;
}

@ObjectType('PointStats', { simpleResolvers: true })
export class PointStatsView {
  @Field(() => DecimalScalar, { nullable: true }) sum!: string | null;
  @Field(() => DecimalScalar, { nullable: true }) avg!: string | null;
  @Field(() => DecimalScalar, { nullable: true }) min!: string | null;
  @Field(() => DecimalScalar, { nullable: true }) max!: string | null;
}

@ObjectType('ScoreRecordAggregates', { simpleResolvers: true, description: 'Over every row matching the filter.' })
export class ScoreRecordAggregatesView {
  @Field(() => Int) count!: number;
  @Field(() => PointStatsView) self!: PointStatsView;
  @Field(() => PointStatsView, { description: 'Only rows whose appraisal the caller may see.' }) final!: PointStatsView;
}

@ObjectType()
export class ScoreRecordConnection extends Connection(ScoreRecordView, 'ScoreRecord') {
  @Field(() => ScoreRecordAggregatesView) aggregates!: ScoreRecordAggregatesView;
}

@ObjectType('ScoreGroup', { simpleResolvers: true, description: 'Score statistics of one unit, area, criterion or block.' })
export class ScoreGroupView {
  @Field({ description: 'Unit code, area code, criterion code or block.' }) key!: string;
  @Field() label!: string;
  @Field(() => Int) count!: number;
  @Field(() => Int, { description: 'Rows with a self-score.' }) scoredCount!: number;
  @Field(() => Int) applicableCount!: number;
  @Field(() => PointStatsView) self!: PointStatsView;
  @Field(() => PointStatsView) final!: PointStatsView;
}

@ObjectType()
export class ScoreGroupConnection extends Connection(ScoreGroupView, 'ScoreGroup') {}

@InputType()
export class ScoreRecordFilter {
  @Field(() => Int) periodId!: number;
  @Field(() => UnitBlock, { nullable: true }) block?: UnitBlock | null;
  @Field(() => [Int], { nullable: true }) @IsOptional() @ArrayMaxSize(5000) unitIds?: number[] | null;
  @Field(() => [String], { nullable: true }) @IsOptional() @ArrayMaxSize(50) areaCodes?: string[] | null;
  @Field(() => [String], { nullable: true }) @IsOptional() @ArrayMaxSize(500) criterionCodes?: string[] | null;
  @Field(() => [CriterionKind], { nullable: true }) kinds?: CriterionKind[] | null;
  @Field(() => [ResultSheetState], { nullable: true, description: 'DRAFT or SUBMITTED.' }) sheetStatus?: ResultSheetState[] | null;
  @Field({ nullable: true }) applicable?: boolean;
  @Field(() => DecimalRangeInput, { nullable: true }) @IsOptional() @ValidateNested() selfPoints?: DecimalRangeInput | null;
  @Field(() => DecimalRangeInput, { nullable: true }) @IsOptional() @ValidateNested() finalPoints?: DecimalRangeInput | null;
  @Field({ nullable: true, description: 'Only rows the appraisal changed (true) or left as self-scored (false).' }) changedByAppraisal?: boolean;
}

@InputType()
export class ScoreRecordOrder {
  @Field(() => ScoreRecordOrderField) field!: ScoreRecordOrderField;
  @Field(() => SortDirection, { defaultValue: SortDirection.ASC }) direction!: SortDirection;
}

@InputType()
export class ScoreGroupOrder {
  @Field(() => ScoreGroupOrderField) field!: ScoreGroupOrderField;
  @Field(() => SortDirection, { defaultValue: SortDirection.ASC }) direction!: SortDirection;
}
