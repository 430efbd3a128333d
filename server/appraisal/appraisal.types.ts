import { ArrayMaxSize, IsOptional, Length, MaxLength } from 'class-validator';
import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { CriterionView } from '../criteria/index.ts';
import { CitationMismatch, DocumentReadingView } from '../evidence/index.ts';
import { PeriodStatus } from '../periods/index.ts';
import { DecimalScalar } from '../shared/decimal.ts';
import { UnitView } from '../units/index.ts';
import { ExplanationStatus } from './cycle.entity.ts';
import { EvidenceVerdictKind } from './explanation.entity.ts';
import { describedEnum, type EnumValue } from '../shared/enum.ts';
import { registerEnum } from '../shared/graphql-enum.ts';

registerEnum(ExplanationStatus, 'ExplanationStatus');
registerEnum(EvidenceVerdictKind, 'EvidenceVerdictKind');

export const EvidenceIntegrity = describedEnum({
  INTACT: 'The stored file is the one recorded when it was frozen.',
  CHANGED: 'The stored file no longer matches the hash recorded at submission.',
  MISSING: 'The stored file is gone.',
  NOT_FROZEN: 'Supplementary evidence not yet locked: nothing recorded to compare with.',
});
export type EvidenceIntegrity = EnumValue<typeof EvidenceIntegrity>;
registerEnum(EvidenceIntegrity, 'EvidenceIntegrity');

export const QueueItemStatus = describedEnum({
  TO_APPRAISE: 'Round 1: no appraised score yet. Round 2: an explanation was requested and there is no round-2 score yet.',
  APPRAISED: 'Nothing left to do in the current round.',
});
export type QueueItemStatus = EnumValue<typeof QueueItemStatus>;
registerEnum(QueueItemStatus, 'QueueItemStatus');

@ObjectType('AppraisalCycle', { description: 'The appraisal side of a period: current round, caps and milestones.' })
export class AppraisalCycleView {
  @Field(() => Int) periodId!: number;
  @Field(() => PeriodStatus) status!: PeriodStatus;
  @Field(() => Int, { nullable: true, description: 'The round open for appraisers now (1 or 2), if any.' }) currentRound!: 1 | 2 | null;
  @Field() selfScoringClosesAt!: Date;
  @Field(() => Date, { nullable: true }) explanationClosesAt!: Date | null;
  @Field(() => Date, { nullable: true }) round1ReleasedAt!: Date | null;
  @Field(() => Date, { nullable: true }) finalizedAt!: Date | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'Null: each set’s bonus section maximum.' }) bonusCap!: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'Null: each set’s deduction section maximum.' }) deductionCap!: string | null;
}

@ObjectType('AppraisalAssignment')
export class AssignmentView {
  @Field(() => Int) id!: number;
  @Field(() => Int) periodId!: number;
  @Field(() => Int) appraiserId!: number;
  @Field() appraiserName!: string;
  @Field(() => String, { nullable: true, description: 'Area code (e.g. "2"); null = every area.' }) areaCode!: string | null;
  @Field(() => UnitView, { nullable: true, description: 'Null = every unit.' }) unit!: UnitView | null;
  @Field() createdAt!: Date;
}

@ObjectType('Appraiser', { description: 'A member of the appraisal council, for assignments.' })
export class AppraiserView {
  @Field(() => Int) id!: number;
  @Field() displayName!: string;
  @Field(() => Int, { nullable: true, description: 'Their own unit, which they never appraise.' }) unitId!: number | null;
}

@ObjectType('Appraisal', { description: 'An appraised score in one round.' })
export class AppraisalView {
  @Field(() => Int) id!: number;
  @Field(() => Int) round!: number;
  @Field(() => DecimalScalar) points!: string;
  @Field(() => String, { nullable: true, description: 'The appraiser’s reason.' }) comment!: string | null;
  @Field() appraiserName!: string;
  @Field() updatedAt!: Date;
  @Field(() => Int, { description: 'Send back when changing it (optimistic concurrency).' }) version!: number;
}

@ObjectType('EvidenceVerdict')
export class EvidenceVerdictView {
  @Field(() => EvidenceVerdictKind) verdict!: EvidenceVerdictKind;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field(() => Int) round!: number;
  @Field() appraiserName!: string;
  @Field() updatedAt!: Date;
}

@ObjectType('AppraisalEvidence', {
  description: 'An evidence document as the appraisers judge it: frozen at submission, or supplementary.',
})
export class AppraisalEvidenceView {
  @Field(() => Int) evidenceId!: number;
  @Field(() => String, { nullable: true, description: 'Number/symbol, e.g. 243/KH-UBND.' }) documentNumber!: string | null;
  @Field(() => String, { nullable: true }) title!: string | null;
  @Field(() => String, { nullable: true, description: 'ISO date.' }) issuedOn!: string | null;
  @Field(() => String, { nullable: true }) issuer!: string | null;
  @Field() fileName!: string;
  @Field() contentType!: string;
  @Field({ description: 'Opens the file inline (PDFs, images) for readers of the sheet.' }) url!: string;
  @Field({ description: 'Downloads the file with its original name.' }) downloadUrl!: string;
  @Field({ description: 'Added during the explanation round.' }) supplementary!: boolean;
  @Field(() => String, { nullable: true, description: 'SHA-256 recorded at submission (or when the explanation was locked).' })
  frozenSha256!: string | null;
  @Field(() => EvidenceIntegrity) integrity!: EvidenceIntegrity;
  @Field(() => EvidenceVerdictView, { nullable: true }) verdict!: EvidenceVerdictView | null;
  @Field(() => DocumentReadingView, { nullable: true, description: 'What the file itself states, beside the unit’s citation above.' })
  reading!: DocumentReadingView | null;
  @Field(() => [CitationMismatch], { description: 'Where the unit’s citation differs from what the file states.' })
  mismatches!: CitationMismatch[];
}

@ObjectType('EvidenceCheck', { description: 'A stored file re-read and hashed now, against the hash recorded at submission.' })
export class EvidenceCheckView {
  @Field(() => Int) evidenceId!: number;
  @Field(() => EvidenceIntegrity) integrity!: EvidenceIntegrity;
  @Field(() => String, { nullable: true, description: 'SHA-256 of the stored bytes; null when the file is gone.' }) storedSha256!:
    string | null;
}

@ObjectType('ExplanationRequest')
export class ExplanationRequestView {
  @Field(() => Int) id!: number;
  @Field(() => Int) scoreId!: number;
  @Field() question!: string;
  @Field() requestedByName!: string;
  @Field() requestedAt!: Date;
  @Field(() => String, { nullable: true }) answer!: string | null;
  @Field(() => String, { nullable: true }) answeredByName!: string | null;
  @Field(() => Date, { nullable: true }) answeredAt!: Date | null;
  @Field(() => Int) version!: number;
  @Field(() => [AppraisalEvidenceView], { description: 'Supplementary evidence attached to the answer.' })
  evidence!: AppraisalEvidenceView[];
}

@ObjectType('AppraisalItem', { description: 'One sub-criterion of a sheet under appraisal: the unit’s side and the appraisers’.' })
export class AppraisalItemView {
  @Field(() => Int) scoreId!: number;
  @Field(() => Int) sheetId!: number;
  @Field(() => CriterionView) criterion!: CriterionView;
  @Field() areaCode!: string;
  @Field(() => DecimalScalar, { nullable: true }) selfPoints!: string | null;
  @Field(() => String, { nullable: true, description: 'The unit’s note or explanation.' }) note!: string | null;
  @Field() applicable!: boolean;
  @Field(() => String, { nullable: true }) notApplicableReason!: string | null;
  @Field(() => AppraisalView, { nullable: true }) round1!: AppraisalView | null;
  @Field(() => AppraisalView, { nullable: true, description: 'Shown to the unit once the appraisal is finalised.' })
  round2!: AppraisalView | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'Round 2 if present, else round 1, else the self-score.' }) finalPoints!:
    string | null;
  @Field({ description: 'The caller may appraise this item now (assigned, round open, not their own unit).' }) canAppraise!: boolean;
  @Field(() => [AppraisalEvidenceView], { description: 'Evidence frozen at submission.' }) evidence!: AppraisalEvidenceView[];
  @Field(() => ExplanationRequestView, { nullable: true }) explanationRequest!: ExplanationRequestView | null;
}

@ObjectType('AppraisalTotals', { description: 'Exact sums over the sheet (final rule: round 2, else round 1, else self).' })
export class AppraisalTotalsView {
  @Field(() => DecimalScalar, { description: 'Self-scores of the scored sub-criteria (bonus and deduction excluded).' })
  selfPoints!: string;
  @Field(() => DecimalScalar) finalPoints!: string;
  @Field(() => DecimalScalar) bonusProposed!: string;
  @Field(() => DecimalScalar) bonusAwarded!: string;
  @Field(() => DecimalScalar) bonusCap!: string;
  @Field(() => DecimalScalar) deduction!: string;
  @Field(() => DecimalScalar) deductionCap!: string;
}

/** A submitted sheet under appraisal, as the whole sheet and its progress line both name it (not emitted itself). */
@ObjectType('SheetReviewBase')
abstract class SheetReviewFields {
  @Field(() => Int) reviewId!: number;
  @Field(() => Int) sheetId!: number;
  @Field(() => UnitView) unit!: UnitView;
  @Field(() => Int, { description: 'What the unit sees: 0 nothing yet, 1 round-1 results, 2 final results.' }) releasedRound!: number;
  @Field(() => ExplanationStatus) explanationStatus!: ExplanationStatus;
}

@ObjectType('SheetAppraisal', { description: 'A submitted sheet under appraisal.' })
export class SheetAppraisalView extends SheetReviewFields {
  @Field(() => Int) periodId!: number;
  @Field(() => Int) criteriaSetId!: number;
  @Field(() => AppraisalCycleView) cycle!: AppraisalCycleView;
  @Field(() => Date, { nullable: true }) explanationLockedAt!: Date | null;
  @Field(() => [AppraisalItemView]) items!: AppraisalItemView[];
  @Field(() => AppraisalTotalsView) totals!: AppraisalTotalsView;
}

@ObjectType('SheetReviewSummary', { description: 'Progress of one sheet under appraisal.' })
export class SheetReviewSummaryView extends SheetReviewFields {
  @Field(() => Int, { description: 'Sub-criteria to appraise (survey and not-applicable items excluded).' }) items!: number;
  @Field(() => Int) appraisedRound1!: number;
  @Field(() => Int) appraisedRound2!: number;
  @Field(() => Int) explanationRequests!: number;
  @Field(() => Int) explanationsAnswered!: number;
}

@ObjectType('QueueItem')
export class QueueItemView {
  @Field(() => Int) scoreId!: number;
  @Field(() => Int) criterionId!: number;
  @Field() code!: string;
  @Field() title!: string;
  @Field() areaCode!: string;
  @Field({ description: 'The title of the area (level 1) the item belongs to, e.g. "Cải cách thể chế".' }) areaTitle!: string;
  @Field(() => DecimalScalar) maxPoints!: string;
  @Field(() => DecimalScalar, { nullable: true }) selfPoints!: string | null;
  @Field(() => DecimalScalar, { nullable: true }) round1Points!: string | null;
  @Field(() => DecimalScalar, { nullable: true }) round2Points!: string | null;
  @Field() explanationRequested!: boolean;
  @Field() explanationAnswered!: boolean;
  @Field(() => QueueItemStatus) status!: QueueItemStatus;
}

@ObjectType('QueueSheet')
export class QueueSheetView {
  @Field(() => Int) sheetId!: number;
  @Field(() => UnitView) unit!: UnitView;
  @Field(() => Int) total!: number;
  @Field(() => Int) remaining!: number;
  @Field(() => [QueueItemView]) items!: QueueItemView[];
}

@ObjectType('AppraisalQueue', {
  description: 'Sub-criteria of submitted sheets assigned to the appraiser, and what is left in the current round.',
})
export class AppraisalQueueView {
  @Field(() => AppraisalCycleView) cycle!: AppraisalCycleView;
  @Field(() => Int) total!: number;
  @Field(() => Int) remaining!: number;
  @Field(() => [QueueSheetView]) sheets!: QueueSheetView[];
}

@ObjectType('AuditEntry', { description: 'One recorded change: who, when, old → new, round.' })
export class AuditEntryView {
  @Field(() => Int) id!: number;
  @Field() action!: string;
  @Field() actorName!: string;
  @Field() at!: Date;
  @Field(() => String, { nullable: true, description: 'JSON of the old values.' }) before!: string | null;
  @Field(() => String, { nullable: true, description: 'JSON of the new values.' }) after!: string | null;
  @Field(() => String, { nullable: true }) reason!: string | null;
  @Field(() => Int, { nullable: true }) round!: number | null;
}

@InputType()
export class AssignAppraiserInput {
  @Field(() => Int) periodId!: number;
  @Field(() => Int) appraiserId!: number;
  @Field(() => String, { nullable: true, description: 'Area code, e.g. "2"; omit for every area.' })
  @IsOptional()
  @Length(1, 32)
  areaCode?: string | null;
  @Field(() => Int, { nullable: true, description: 'Omit for every unit.' }) unitId?: number | null;
}

@InputType()
export class AppraisalSettingsInput {
  @Field(() => DecimalScalar, { nullable: true, description: 'Null restores the default (the bonus section’s maximum).' }) bonusCap?:
    string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'Null restores the default (the deduction section’s maximum).' })
  deductionCap?: string | null;
}

@InputType()
export class QueueFilter {
  @Field(() => Int, { nullable: true }) unitId?: number;
  @Field(() => String, { nullable: true }) areaCode?: string;
  @Field(() => QueueItemStatus, { nullable: true }) status?: QueueItemStatus;
  @Field(() => Int, { nullable: true, description: 'Secretariat: one appraiser’s queue.' }) appraiserId?: number;
}

@InputType()
export class AppraiseInput {
  @Field(() => Int) scoreId!: number;
  @Field(() => DecimalScalar) points!: string;
  @Field(() => String, { nullable: true, description: 'Required when the points differ from the self-score, and for any deduction.' })
  @IsOptional()
  @MaxLength(5000)
  comment?: string | null;
  @Field(() => Int, { nullable: true, description: 'The version edited, when changing an existing appraisal of this round.' }) version?:
    number | null;
}

@InputType()
export class EvidenceVerdictInput {
  @Field(() => Int) scoreId!: number;
  @Field(() => Int) evidenceId!: number;
  @Field(() => EvidenceVerdictKind, { nullable: true, description: 'Null clears the finding.' }) verdict?: EvidenceVerdictKind | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(2000) note?: string | null;
}

@InputType()
export class RequestExplanationInput {
  @Field(() => Int) scoreId!: number;
  @Field() @Length(1, 5000) question!: string;
}

@InputType()
export class AnswerExplanationInput {
  @Field(() => Int) requestId!: number;
  @Field() @Length(1, 10000) answer!: string;
  @Field(() => [Int], { nullable: true, description: 'Supplementary evidence documents of the unit; replaces the previous list.' })
  @IsOptional()
  @ArrayMaxSize(50)
  evidenceIds?: number[];
  @Field(() => Int) version!: number;
}
