import { ArrayMaxSize, IsOptional, Matches, MaxLength, ValidateNested } from 'class-validator';
import { Field, Float, InputType, Int, ObjectType } from 'type-graphql';
import { FeedbackAspect, FeedbackContentView, FeedbackResolution, FeedbackResponseStatus } from '../consultation/index.ts';
import { CriterionKind } from '../criteria/index.ts';
import { DecimalStatsView, ResultSheetState } from '../results/index.ts';
import { AggregatedConnection, Connection, DecimalRangeInput, OrderBy, SortDirection } from '../shared/connection.ts';
import { DecimalScalar } from '../shared/decimal.ts';
import { UnitSelectionFilter, UnitView } from '../units/index.ts';
import { stringEnum, type EnumValue } from '../shared/enum.ts';
import { registerEnum } from '../shared/graphql-enum.ts';

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export const ScoreRecordOrderField = stringEnum('UNIT_CODE', 'CRITERION_CODE', 'SELF_POINTS', 'FINAL_POINTS', 'GAP');
export type ScoreRecordOrderField = EnumValue<typeof ScoreRecordOrderField>;
registerEnum(ScoreRecordOrderField, 'ScoreRecordOrderField', {
  valueDescriptions: { GAP: 'final − self.', CRITERION_CODE: 'Tree order.' },
});

export const ScoreGroupBy = stringEnum('UNIT', 'AREA', 'CRITERION', 'BLOCK');
export type ScoreGroupBy = EnumValue<typeof ScoreGroupBy>;
registerEnum(ScoreGroupBy, 'ScoreGroupBy');

export const ScoreGroupOrderField = stringEnum('KEY', 'COUNT', 'SELF_SUM', 'FINAL_SUM', 'FINAL_AVERAGE');
export type ScoreGroupOrderField = EnumValue<typeof ScoreGroupOrderField>;
registerEnum(ScoreGroupOrderField, 'ScoreGroupOrderField', {
  valueDescriptions: { KEY: 'Unit code, or tree order for areas and criteria.' },
});

@ObjectType('ScoredCriterion', { simpleResolvers: true })
export class ScoredCriterionView {
  @Field(() => Int) id!: number;
  @Field() code!: string;
  @Field() title!: string;
  @Field(() => DecimalScalar) maxPoints!: string;
  @Field(() => CriterionKind) kind!: CriterionKind;
}

/** What every record of a unit's sheet starts with (not emitted itself): its id, period and unit. */
@ObjectType('UnitRecordBase')
abstract class UnitRecordView {
  @Field(() => Int) id!: number;
  @Field(() => Int) periodId!: number;
  @Field(() => UnitView) unit!: UnitView;
}

@ObjectType('ScoreRecord', { simpleResolvers: true, description: 'One scored sub-criterion of one unit’s sheet, for analysis.' })
export class ScoreRecordView extends UnitRecordView {
  @Field(() => ScoredCriterionView) criterion!: ScoredCriterionView;
  @Field() areaCode!: string;
  @Field() areaTitle!: string;
  @Field(() => ResultSheetState) sheetStatus!: ResultSheetState;
  @Field() applicable!: boolean;
  @Field(() => DecimalScalar, { nullable: true }) selfPoints!: string | null;
  @Field({ description: 'Whether the caller may see the appraisal of this unit (else the appraised fields are null).' })
  appraisalVisible!: boolean;
  @Field(() => DecimalScalar, { nullable: true }) round1Points!: string | null;
  @Field(() => DecimalScalar, { nullable: true }) round2Points!: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'Round 2, else round 1, else the self-score.' }) finalPoints!: string | null;
}

@ObjectType('PointStats', { simpleResolvers: true })
export class PointStatsView extends DecimalStatsView {
  @Field(() => DecimalScalar, { nullable: true }) sum!: string | null;
}

@ObjectType('ScoreRecordAggregates', { simpleResolvers: true, description: 'Over every row matching the filter.' })
export class ScoreRecordAggregatesView {
  @Field(() => Int) count!: number;
  @Field(() => PointStatsView) self!: PointStatsView;
  @Field(() => PointStatsView, { description: 'Only rows whose appraisal the caller may see.' }) final!: PointStatsView;
}

@ObjectType()
export class ScoreRecordConnection extends AggregatedConnection(ScoreRecordView, 'ScoreRecord', ScoreRecordAggregatesView) {}

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
export class ScoreRecordFilter extends UnitSelectionFilter {
  @Field(() => Int) periodId!: number;
  @Field(() => [String], { nullable: true }) @IsOptional() @ArrayMaxSize(50) areaCodes?: string[] | null;
  @Field(() => [String], { nullable: true }) @IsOptional() @ArrayMaxSize(500) criterionCodes?: string[] | null;
  @Field(() => [CriterionKind], { nullable: true }) kinds?: CriterionKind[] | null;
  @Field(() => [ResultSheetState], { nullable: true, description: 'DRAFT or SUBMITTED.' }) sheetStatus?: ResultSheetState[] | null;
  @Field({ nullable: true }) applicable?: boolean;
  @Field(() => DecimalRangeInput, { nullable: true }) @IsOptional() @ValidateNested() selfPoints?: DecimalRangeInput | null;
  @Field(() => DecimalRangeInput, { nullable: true }) @IsOptional() @ValidateNested() finalPoints?: DecimalRangeInput | null;
  @Field({ nullable: true, description: 'Only rows the appraisal changed (true) or left as self-scored (false).' })
  changedByAppraisal?: boolean;
}

@InputType()
export class ScoreRecordOrder extends OrderBy(ScoreRecordOrderField, 'ScoreRecordOrder', SortDirection.ASC) {}

@InputType()
export class ScoreGroupOrder extends OrderBy(ScoreGroupOrderField, 'ScoreGroupOrder', SortDirection.ASC) {}

@ObjectType('EvidenceRecord', {
  simpleResolvers: true,
  description: 'An evidence document’s metadata (never the file), with the sub-criteria it supports.',
})
export class EvidenceRecordView extends UnitRecordView {
  @Field() fileName!: string;
  @Field(() => String, { nullable: true, description: 'Số, ký hiệu, e.g. "243/KH-UBND".' }) documentNumber!: string | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD.' }) issueDate!: string | null;
  @Field(() => String, { nullable: true }) issuingBody!: string | null;
  @Field(() => String, { nullable: true }) title!: string | null;
  @Field() contentType!: string;
  @Field(() => Int, { description: 'Bytes.' }) size!: number;
  @Field() uploadedAt!: Date;
  @Field(() => [String], { description: 'Codes of the sub-criteria it supports.' }) criterionCodes!: string[];
  @Field({ description: 'Frozen at submission (its SHA-256 recorded).' }) frozen!: boolean;
}

@ObjectType('EvidenceRecordAggregates', { simpleResolvers: true })
export class EvidenceRecordAggregatesView {
  @Field(() => Int) count!: number;
  @Field(() => Float, { description: 'Total size in bytes.' }) totalBytes!: number;
}

@ObjectType()
export class EvidenceRecordConnection extends AggregatedConnection(EvidenceRecordView, 'EvidenceRecord', EvidenceRecordAggregatesView) {}

@InputType()
export class EvidenceRecordFilter extends UnitSelectionFilter {
  @Field(() => Int) periodId!: number;
  @Field(() => [String], { nullable: true, description: 'Documents supporting any of these sub-criteria.' })
  @IsOptional()
  @ArrayMaxSize(500)
  criterionCodes?: string[] | null;
  @Field(() => String, { nullable: true, description: 'Issued on or after (YYYY-MM-DD).' })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'issuedFrom must be YYYY-MM-DD' })
  issuedFrom?: string | null;
  @Field(() => String, { nullable: true, description: 'Issued on or before (YYYY-MM-DD).' })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'issuedTo must be YYYY-MM-DD' })
  issuedTo?: string | null;
  @Field(() => String, { nullable: true, description: 'Part of the issuing body, document number or title (case-insensitive).' })
  @IsOptional()
  @MaxLength(200)
  search?: string | null;
  @Field({ nullable: true, description: 'Linked to at least one sub-criterion (true) or to none (false).' }) linked?: boolean;
}

@ObjectType('CommentRecord', {
  simpleResolvers: true,
  description: 'An appraisal comment on a score or an evidence document, for analysis.',
})
export class CommentRecordView extends UnitRecordView {
  @Field() criterionCode!: string;
  @Field() criterionTitle!: string;
  @Field(() => Int, { nullable: true, description: 'Set when the comment is about one evidence document.' }) evidenceId!: number | null;
  @Field(() => Int, { nullable: true, description: 'The comment this one answers.' }) parentId!: number | null;
  @Field() authorName!: string;
  @Field({ description: 'Written by the unit (else by an appraiser or the secretariat).' }) authorIsUnit!: boolean;
  @Field() body!: string;
  @Field() createdAt!: Date;
  @Field(() => Date, { nullable: true }) editedAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'When its thread was resolved.' }) resolvedAt!: Date | null;
}

@ObjectType('CommentRecordAggregates', { simpleResolvers: true })
export class CommentRecordAggregatesView {
  @Field(() => Int) count!: number;
  @Field(() => Int) resolvedCount!: number;
}

@ObjectType()
export class CommentRecordConnection extends AggregatedConnection(CommentRecordView, 'CommentRecord', CommentRecordAggregatesView) {}

@InputType()
export class CommentRecordFilter {
  @Field(() => Int) periodId!: number;
  @Field(() => [Int], { nullable: true }) @IsOptional() @ArrayMaxSize(5000) unitIds?: number[] | null;
  @Field(() => [String], { nullable: true }) @IsOptional() @ArrayMaxSize(500) criterionCodes?: string[] | null;
  @Field({ nullable: true }) resolved?: boolean;
  @Field({ nullable: true, description: 'About an evidence document (true) or about the score (false).' }) onEvidence?: boolean;
  @Field(() => String, { nullable: true, description: 'Part of the text (case-insensitive).' }) @IsOptional() @MaxLength(200) search?:
    string | null;
}

@ObjectType('FeedbackRecord', {
  simpleResolvers: true,
  description: 'A unit’s feedback on a draft criteria set, with the department’s answer where the caller may see it.',
})
export class FeedbackRecordView extends FeedbackContentView {
  @Field(() => Int) id!: number;
  @Field(() => Int) consultationId!: number;
  @Field() consultationTitle!: string;
  @Field(() => UnitView) unit!: UnitView;
  @Field(() => String, { nullable: true, description: 'Null for a comment on the whole draft.' }) criterionCode!: string | null;
  @Field(() => String, { nullable: true }) criterionTitle!: string | null;
  @Field() createdAt!: Date;
  @Field(() => FeedbackResolution, { nullable: true }) resolution!: FeedbackResolution | null;
  @Field(() => String, { nullable: true }) explanation!: string | null;
  @Field(() => FeedbackResponseStatus, { nullable: true }) responseStatus!: FeedbackResponseStatus | null;
}

@ObjectType('FeedbackResolutionCount', { simpleResolvers: true })
export class FeedbackResolutionCountView {
  @Field(() => FeedbackResolution, { nullable: true, description: 'Null: not answered (or the answer is not visible).' })
  resolution!: FeedbackResolution | null;
  @Field(() => Int) count!: number;
}

@ObjectType('FeedbackRecordAggregates', { simpleResolvers: true })
export class FeedbackRecordAggregatesView {
  @Field(() => Int) count!: number;
  @Field(() => [FeedbackResolutionCountView]) byResolution!: FeedbackResolutionCountView[];
}

@ObjectType()
export class FeedbackRecordConnection extends AggregatedConnection(FeedbackRecordView, 'FeedbackRecord', FeedbackRecordAggregatesView) {}

@InputType()
export class FeedbackRecordFilter {
  @Field(() => Int, { nullable: true }) consultationId?: number | null;
  @Field(() => [Int], { nullable: true }) @IsOptional() @ArrayMaxSize(5000) unitIds?: number[] | null;
  @Field(() => [String], { nullable: true }) @IsOptional() @ArrayMaxSize(500) criterionCodes?: string[] | null;
  @Field(() => [FeedbackAspect], { nullable: true }) aspects?: FeedbackAspect[] | null;
  @Field(() => [FeedbackResolution], { nullable: true }) resolutions?: FeedbackResolution[] | null;
  @Field({ nullable: true, description: 'Also withdrawn comments.' }) includeWithdrawn?: boolean;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(200) search?: string | null;
}
