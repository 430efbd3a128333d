import { IsOptional, MaxLength } from 'class-validator';
import { ArgsType, Field, InputType, Int, ObjectType } from 'type-graphql';
import { ActorView } from '../auth/index.ts';
import { CriterionView } from '../criteria/index.ts';
import { PeriodView } from '../periods/index.ts';
import { DecimalScalar } from '../shared/decimal.ts';
import { UnitView } from '../units/index.ts';
import { ScoreSheetStatus } from './scoring.entity.ts';
import { SheetLockReason, type SheetState } from './sheet-state.ts';
import { describedEnum, stringEnum, type EnumValue } from '../shared/enum.ts';
import { registerEnum } from '../shared/graphql-enum.ts';

registerEnum(SheetLockReason, 'SheetLockReason');
registerEnum(ScoreSheetStatus, 'ScoreSheetStatus');

@ObjectType('SelfScore', { simpleResolvers: true, description: 'The unit’s self-assessment of one sub-criterion.' })
export class SelfScoreView {
  @Field(() => Int) id!: number;
  @Field(() => Int) criterionId!: number;
  @Field(() => DecimalScalar, { nullable: true, description: 'Null until scored (and for items marked not applicable).' })
  points!: string | null;
  @Field(() => String, { nullable: true, description: 'The unit’s note, or its explanation when there is no evidence.' })
  note!: string | null;
  @Field() applicable!: boolean;
  @Field(() => String, { nullable: true }) notApplicableReason!: string | null;
  @Field(() => Int, { description: 'Send it back with `saveSelfScore`; a stale version is a CONFLICT.' }) version!: number;
  @Field() updatedAt!: Date;
  @Field(() => ActorView, { nullable: true }) updatedBy!: ActorView | null;
  /** Not exposed: the sheet, so the evidence module can resolve `links`. */
  sheetId!: number;
  /** Not exposed: the linked documents the pre-submit check looks at (`links` shows them in full). */
  documents!: LinkedDocument[];
}

/** A document linked to a score, as the pre-submit check sees it: what the unit entered and what the file states. */
export interface LinkedDocument {
  id: number;
  /** YYYY-MM-DD. */
  issueDate: string | null;
  documentNumber: string | null;
  /** Its number/symbol, else its file name. */
  label: string;
  /** The evidence module's reading of the file (ReadingStatus), null before it is marked. */
  readStatus: string | null;
  readNumber: string | null;
  readDate: string | null;
  /** The evidence module's SignatureStatus of the file. */
  signatureStatus: string | null;
}

@ObjectType('SheetProgress', {
  simpleResolvers: true,
  description: 'Self-scored sub-criteria with a score or a not-applicable mark, of all.',
})
export class ProgressView {
  @Field(() => Int) scored!: number;
  @Field(() => Int) total!: number;
}

/** Roll-ups in hundredths while assembling; exposed as decimals. */
@ObjectType('SheetNode', { simpleResolvers: true, description: 'A criterion of the sheet with its roll-up; leaves carry the score.' })
export class SheetNodeView {
  @Field(() => CriterionView) criterion!: CriterionView;
  @Field(() => [SheetNodeView]) children!: SheetNodeView[];
  @Field(() => DecimalScalar, { description: 'Self-scored and bonus points of the applicable leaves below, less deductions.' })
  achieved!: string;
  @Field(() => DecimalScalar, { description: 'Maximum of the applicable self-scored and bonus leaves below.' })
  applicableMax!: string;
  @Field(() => DecimalScalar, { nullable: true, description: 'achieved ÷ applicableMax × 100, two decimals; null when the maximum is 0.' })
  percent!: string | null;
  @Field(() => ProgressView) progress!: ProgressView;
  @Field(() => SelfScoreView, { nullable: true, description: 'Leaves only.' }) score!: SelfScoreView | null;
}

@ObjectType('SheetTotals', { simpleResolvers: true })
export class TotalsView {
  @Field(() => DecimalScalar, { description: 'Self-scored points of the applicable items (areas 1–8).' }) achieved!: string;
  @Field(() => DecimalScalar, { description: 'Maximum of the applicable self-scored items.' }) applicableMax!: string;
  @Field(() => DecimalScalar, { nullable: true }) percent!: string | null;
  @Field(() => DecimalScalar) bonus!: string;
  @Field(() => DecimalScalar, { description: 'Points deducted (positive).' }) deduction!: string;
  @Field(() => DecimalScalar, { description: 'achieved + bonus − deduction.' }) total!: string;
  @Field(() => DecimalScalar, { description: 'Points of the survey items, imported later from the sociological survey.' })
  surveyMax!: string;
}

/** A unit's sheet of a period, as the queries and mutations on one sheet address it: `periodId` and `unitId`. */
@ArgsType()
export class SheetArgs {
  @Field(() => Int) periodId!: number;
  @Field(() => Int) unitId!: number;
}

@ObjectType('ScoreSheet', { description: 'One unit’s self-assessment for one period (bảng tự chấm điểm).' })
export class ScoreSheetView {
  @Field(() => Int, {
    nullable: true,
    description: 'Null while the sheet is not created yet (a reader sees it empty; a writer’s first access creates it).',
  })
  id!: number | null;
  @Field(() => Int) periodId!: number;
  @Field(() => Int) unitId!: number;
  @Field(() => Int) criteriaSetId!: number;
  @Field(() => ScoreSheetStatus) status!: ScoreSheetStatus;
  @Field(() => Date, { nullable: true }) submittedAt!: Date | null;
  @Field(() => ActorView, { nullable: true }) submittedBy!: ActorView | null;
  @Field(() => PeriodView) period!: PeriodView;
  @Field(() => UnitView) unit!: UnitView;
  @Field({ description: 'This sheet’s self-scoring deadline: the period’s, or the unit’s extension when later.' }) deadline!: Date;
  @Field(() => String, { nullable: true, description: 'Why the secretariat extended this unit’s deadline, if it did.' })
  extensionReason!: string | null;
  @Field({ description: 'Whether the caller may change scores and evidence now.' }) editable!: boolean;
  @Field(() => SheetLockReason, { nullable: true, description: 'Why not, when `editable` is false.' }) lockReason!: SheetLockReason | null;
  /** Not exposed: what the field resolvers and checks work from (`id` null: not created yet). */
  state!: Omit<SheetState, 'id'> & { id: number | null };
}

@ObjectType('ScoreSheetSummary', { description: 'A sheet in a list: status and progress, no tree.' })
export class ScoreSheetSummaryView {
  @Field(() => Int) id!: number;
  @Field(() => Int) periodId!: number;
  @Field(() => Int) unitId!: number;
  @Field(() => ScoreSheetStatus) status!: ScoreSheetStatus;
  @Field(() => Date, { nullable: true }) submittedAt!: Date | null;
}

@InputType({ description: 'Omitted fields keep their value; null clears.' })
export class SaveSelfScoreInput {
  @Field(() => Int) sheetId!: number;
  @Field(() => Int, { description: 'A sub-criterion (leaf) of the sheet’s criteria set.' }) criterionId!: number;
  @Field(() => Int, { description: 'The version the client edited.' }) version!: number;
  @Field(() => DecimalScalar, { nullable: true, description: 'One of the allowed values or inside a band; at most 2 decimals.' })
  points?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(5000) note?: string | null;
  @Field({ nullable: true, description: 'False takes the item out of the applicable maximum; give a reason.' }) applicable?: boolean;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(2000) notApplicableReason?: string | null;
}

/** The common self-scoring errors the pre-submit check detects (docs/domain.md). */
export const CheckProblemCode = stringEnum(
  'NO_SCORE',
  'NO_EVIDENCE_OR_EXPLANATION',
  'EVIDENCE_OUTSIDE_YEAR',
  'SURVEY_SELF_SCORED',
  'NOT_APPLICABLE_WITHOUT_REASON',
  'FILE_DATE_OUTSIDE_YEAR',
  'NUMBER_DIFFERS_FROM_FILE',
  'BARE_SCAN',
  'SIGNED_FILE_CHANGED',
  'ABOVE_MONITORED',
);
export type CheckProblemCode = EnumValue<typeof CheckProblemCode>;
registerEnum(CheckProblemCode, 'CheckProblemCode', {
  valueDescriptions: {
    EVIDENCE_OUTSIDE_YEAR: 'The issue date the unit entered is outside the assessment year.',
    FILE_DATE_OUTSIDE_YEAR: 'The date the file itself states is outside the assessment year.',
    NUMBER_DIFFERS_FROM_FILE: 'The number/symbol the unit entered differs from the one the file states.',
    BARE_SCAN: 'A file without a text layer (a scan) and no number or date entered for it.',
    SIGNED_FILE_CHANGED: 'A digitally signed PDF changed after it was signed.',
    ABOVE_MONITORED: 'The self-score is above the points the monitoring facts give (selfAssessmentCheck only).',
  },
});

export const ProblemSeverity = describedEnum({
  BLOCKING: 'Prevents submission.',
  WARNING: 'Shown; submission goes ahead.',
});
export type ProblemSeverity = EnumValue<typeof ProblemSeverity>;
registerEnum(ProblemSeverity, 'ProblemSeverity');

@ObjectType('CheckProblem', { simpleResolvers: true })
export class CheckProblemView {
  @Field(() => Int) criterionId!: number;
  @Field() criterionCode!: string;
  @Field(() => CheckProblemCode) code!: CheckProblemCode;
  @Field(() => ProblemSeverity) severity!: ProblemSeverity;
  @Field({ description: 'In the request’s language.' }) message!: string;
  @Field(() => Int, { nullable: true, description: 'The document concerned, for evidence problems.' }) evidenceId!: number | null;
}

@ObjectType('SelfAssessmentCheck', { simpleResolvers: true, description: 'The pre-submit check of a sheet.' })
export class SelfAssessmentCheckView {
  @Field(() => Int, { nullable: true, description: 'Null while the sheet is not created yet.' }) sheetId!: number | null;
  @Field(() => [CheckProblemView], { description: 'In criteria order.' }) problems!: CheckProblemView[];
  @Field(() => Int) blockingCount!: number;
  @Field(() => Int) warningCount!: number;
  @Field({ description: 'No blocking problem (deadline and role are checked on submission).' }) passes!: boolean;
}
