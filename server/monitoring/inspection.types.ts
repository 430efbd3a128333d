import { IsOptional, MaxLength } from 'class-validator';
import { Field, Float, InputType, Int, ObjectType } from 'type-graphql';
import { UnitYearRecordView } from './record.types.ts';

@ObjectType('Inspection', { description: 'An inspection a unit held of a subordinate office or commune.' })
export class InspectionView extends UnitYearRecordView {
  @Field({ description: 'The inspected office or commune.' }) target!: string;
  @Field({ description: 'YYYY-MM-DD.' }) inspectedOn!: string;
  @Field(() => String, { nullable: true, description: 'Số, ký hiệu of the conclusion.' }) conclusionNumber!: string | null;
  @Field(() => String, { nullable: true }) conclusionFileName!: string | null;
  @Field(() => String, { nullable: true }) conclusionFileSha256!: string | null;
  @Field(() => Int) shortcomingsFound!: number;
  @Field(() => Int) shortcomingsHandled!: number;
}

@ObjectType('InspectionSummary', { simpleResolvers: true, description: 'A unit’s inspections of a year against its inspection plan.' })
export class InspectionSummaryView {
  @Field(() => Int) unitId!: number;
  @Field(() => Int) year!: number;
  @Field(() => Int, { nullable: true, description: 'Offices or communes the inspection plan covers; null if not recorded.' })
  planned!: number | null;
  @Field(() => Int, { description: 'Distinct offices or communes inspected.' }) inspected!: number;
  @Field(() => Float, { nullable: true, description: 'inspected ÷ planned, 0–1; null without a plan figure.' })
  inspectedShare!: number | null;
  @Field(() => Int) shortcomingsFound!: number;
  @Field(() => Int) shortcomingsHandled!: number;
  @Field(() => Float, { nullable: true, description: 'handled ÷ found, 0–1; null when nothing was found.' })
  handledShare!: number | null;
}

@InputType()
export class InspectionInput {
  @Field(() => Int) year!: number;
  @Field() @MaxLength(300) target!: string;
  @Field({ description: 'YYYY-MM-DD within the year.' }) inspectedOn!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(100) conclusionNumber?: string | null;
  @Field(() => Int, { defaultValue: 0 }) shortcomingsFound!: number;
  @Field(() => Int, { defaultValue: 0 }) shortcomingsHandled!: number;
}

@InputType()
export class UpdateInspectionInput extends InspectionInput {
  @Field(() => Int, { description: 'The `version` the edit was made on; CONFLICT when the inspection changed since.' }) version!: number;
}
