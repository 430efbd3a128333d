import { Field, Float, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DecimalScalar } from '../shared/decimal.ts';
import { MonitoringMeasure } from './suggestion.entity.ts';

registerEnumType(MonitoringMeasure, {
  name: 'MonitoringMeasure',
  description: 'What the monitoring facts measure for a unit and year (0–100).',
  valuesConfig: {
    PLAN_ON_TIME: { description: 'Annual PAR plan: 100 on time, 50 late, 0 not issued.' },
    INSPECTION_PLAN_ON_TIME: { description: 'Inspection plan: 100 on time, 50 late, 0 not issued.' },
    COMMUNICATION_PLAN_ON_TIME: { description: 'Communication plan: 100 on time, 50 late, 0 not issued.' },
    TASKS_ON_TIME_RATE: { description: '% of the plan’s tasks done on time.' },
    CITY_TASKS_DONE_RATE: { description: '% of the city-assigned tasks done.' },
    REPORTS_ON_TIME: { description: '100 all reports on time; 50 all submitted, some late; 0 some missing.' },
    INSPECTED_RATE: { description: '% of the planned offices or communes inspected.' },
    SHORTCOMINGS_HANDLED_RATE: { description: '% of shortcomings found that were handled (100 when none).' },
  },
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
