import { Field, Float, InputType, Int, ObjectType } from 'type-graphql';
import { DecimalScalar } from '../shared/decimal.ts';
import { MonitoringMeasure } from './suggestion.entity.ts';
import { registerEnum } from '../shared/graphql-enum.ts';

registerEnum(MonitoringMeasure, 'MonitoringMeasure', {
  description: 'What the monitoring facts measure for a unit and year (0–100).',
});

@ObjectType('SuggestionBand', { simpleResolvers: true })
export class SuggestionBandView {
  @Field(() => Float, { description: 'From this value of the measure (0–100)…' }) atLeast!: number;
  @Field(() => DecimalScalar, { description: '…these points.' }) points!: string;
}

@ObjectType('SuggestionRule', { simpleResolvers: true, description: 'How an area-1 sub-criterion is suggested from the monitoring facts.' })
export class SuggestionRuleView {
  @Field(() => Int) id!: number;
  @Field(() => Int) criteriaSetId!: number;
  @Field(() => Int) criterionId!: number;
  @Field() criterionCode!: string;
  @Field(() => MonitoringMeasure) measure!: MonitoringMeasure;
  @Field(() => [SuggestionBandView]) bands!: SuggestionBandView[];
}

@ObjectType('MonitoringSuggestion', {
  simpleResolvers: true,
  description: 'A suggested self-score from the monitoring facts; it never writes a score: the unit decides.',
})
export class MonitoringSuggestionView {
  @Field(() => Int) criterionId!: number;
  @Field() criterionCode!: string;
  @Field(() => MonitoringMeasure) measure!: MonitoringMeasure;
  @Field(() => Float, { nullable: true, description: 'The measure, 0–100; null when the facts cannot say yet.' }) value!: number | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'Null when the facts cannot say yet.' }) suggestedPoints!: string | null;
  @Field({ description: 'The facts behind it, in the caller’s language, e.g. “14/16 nhiệm vụ hoàn thành đúng hạn (87,5%).”' })
  facts!: string;
}

@InputType()
export class SuggestionBandInput {
  @Field(() => Float) atLeast!: number;
  @Field(() => DecimalScalar) points!: string;
}

@InputType()
export class SuggestionRuleInput {
  @Field(() => Int, { description: 'A sub-criterion (leaf) of area 1.' }) criterionId!: number;
  @Field(() => MonitoringMeasure) measure!: MonitoringMeasure;
  @Field(() => [SuggestionBandInput]) bands!: SuggestionBandInput[];
}

@InputType()
export class AdoptSuggestionInput {
  @Field(() => Int) sheetId!: number;
  @Field(() => Int, { description: 'An area-1 sub-criterion the sheet has a monitoring suggestion for.' }) criterionId!: number;
  @Field(() => Int, { description: 'The version of the score the client saw (as saveSelfScore takes it).' }) version!: number;
}
