import { ArrayMaxSize, MaxLength } from 'class-validator';
import { Field, Float, InputType, Int, ObjectType } from 'type-graphql';
import { ReportFieldKind, ReportKind, ReportStatus } from './report.entity.ts';
import { describedEnum, type EnumValue } from '../shared/enum.ts';
import { registerEnum } from '../shared/graphql-enum.ts';
import { UnitYearRecordView } from './record.types.ts';

/** Where a unit's report of a period stands, for the overview. */
export const ReportState = describedEnum({
  MISSING: 'Nothing submitted (not even started).',
  DRAFT: 'Started, never submitted: still missing for the city.',
  ON_TIME: 'Submitted (or accepted) by the deadline.',
  LATE: 'Submitted (or accepted) after the deadline.',
  RETURNED: 'Returned for correction, not yet submitted again.',
});
export type ReportState = EnumValue<typeof ReportState>;

registerEnum(ReportKind, 'ReportKind');
registerEnum(ReportStatus, 'ReportStatus');
registerEnum(ReportFieldKind, 'ReportFieldKind');
registerEnum(ReportState, 'ReportState');

/** What names a template field, in the template, in the secretariat's input and in the consolidated totals (not emitted itself). */
@ObjectType('ReportFieldKeyBase')
@InputType('ReportFieldKeyBaseInput')
abstract class ReportFieldKey {
  @Field() @MaxLength(50) key!: string;
  @Field(() => Int) area!: number;
  @Field() label!: string;
}

/** A field of a year's template: read as `ReportField`, given back by the secretariat as `ReportFieldInput`. */
@ObjectType('ReportField', { simpleResolvers: true, description: 'A field of a year’s report template.' })
@InputType('ReportFieldInput')
export class ReportFieldView extends ReportFieldKey {
  @Field(() => ReportFieldKind) kind!: ReportFieldKind;
}

@ObjectType('ReportPeriod', { description: 'A report period of a year and its deadline.' })
export class ReportPeriodView {
  @Field(() => Int) id!: number;
  @Field(() => Int) year!: number;
  @Field(() => ReportKind) kind!: ReportKind;
  @Field({ description: 'YYYY-MM-DD.' }) deadline!: string;
  @Field(() => [ReportFieldView], { description: 'The year’s report template.' }) template!: ReportFieldView[];
}

@ObjectType('ReportValue', { simpleResolvers: true })
export class ReportValueView {
  @Field() key!: string;
  @Field(() => String, { nullable: true, description: 'Numbers as text ("1250", "12.5").' }) value!: string | null;
}

@ObjectType('PeriodicReport', { description: 'A unit’s report for one period.' })
export class PeriodicReportView extends UnitYearRecordView {
  @Field(() => Int) periodId!: number;
  @Field(() => ReportKind) kind!: ReportKind;
  @Field({ description: 'YYYY-MM-DD.' }) deadline!: string;
  @Field(() => [ReportValueView]) values!: ReportValueView[];
  @Field(() => ReportStatus) status!: ReportStatus;
  @Field(() => ReportState) state!: ReportState;
  @Field(() => Boolean, { nullable: true, description: 'Judged on the counted submission; null until submitted.' })
  onTime!: boolean | null;
  @Field(() => Date, { nullable: true }) firstSubmittedAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'The submission timeliness is judged by.' }) countedSubmittedAt!: Date | null;
  @Field(() => Date, { nullable: true }) submittedAt!: Date | null;
  @Field(() => String, { nullable: true }) submittedByName!: string | null;
  @Field(() => Date, { nullable: true }) returnedAt!: Date | null;
  @Field(() => String, { nullable: true }) returnComment!: string | null;
  @Field() updatedAt!: Date;
}

@ObjectType('ReportTotal', { simpleResolvers: true, description: 'One numeric field summed over the submitted reports.' })
export class ReportTotalView extends ReportFieldKey {
  @Field(() => Float) total!: number;
}

@ObjectType('ReportConsolidation', { description: 'The city-level consolidated report of a period.' })
export class ReportConsolidationView {
  @Field(() => Int) periodId!: number;
  @Field(() => Int, { description: 'Units whose report is submitted or accepted.' }) submitted!: number;
  @Field(() => [ReportTotalView]) totals!: ReportTotalView[];
  @Field(() => [Int], { description: 'Active units without a submitted report.' }) missingUnitIds!: number[];
}

@InputType()
export class ReportPeriodInput {
  @Field(() => Int) year!: number;
  @Field(() => ReportKind) kind!: ReportKind;
  @Field({ description: 'YYYY-MM-DD.' }) deadline!: string;
}

@InputType()
export class ReportValueInput {
  @Field() @MaxLength(50) key!: string;
  @Field(() => String, { nullable: true, description: 'Empty clears the field.' }) value?: string | null;
}

@InputType()
export class ReportValuesInput {
  @Field(() => Int, {
    description:
      'The `version` the edit was made on (0 while the unit has no report of the period yet); CONFLICT when the report changed since.',
  })
  version!: number;
  @Field(() => Int) periodId!: number;
  @Field(() => [ReportValueInput]) @ArrayMaxSize(200) values!: ReportValueInput[];
}

@InputType()
export class ReturnReportInput {
  @Field(() => Int) reportId!: number;
  @Field() comment!: string;
  @Field({
    defaultValue: true,
    description: 'Keep judging timeliness by the first submission (the rule); false: the next submission counts.',
  })
  keepFirstSubmission!: boolean;
}
