import { Entity, Enum, ManyToOne, Property, Unique, type Rel } from '@mikro-orm/core';
import { CriteriaSet, Criterion } from '../criteria/index.ts';
import { IdEntity } from '../shared/entity.ts';
import { describedEnum, type EnumValue } from '../shared/enum.ts';

/** What the monitoring facts measure for a unit and year; a rule maps one of them to a sub-criterion's bands. */
export const MonitoringMeasure = describedEnum({
  PLAN_ON_TIME: 'Annual PAR plan: 100 on time, 50 late, 0 not issued.',
  INSPECTION_PLAN_ON_TIME: 'Inspection plan: 100 on time, 50 late, 0 not issued.',
  COMMUNICATION_PLAN_ON_TIME: 'Communication plan: 100 on time, 50 late, 0 not issued.',
  /** Cancelled tasks are left out; on time is by the task's deadline. */
  TASKS_ON_TIME_RATE: '% of the plan’s tasks done on time.',
  CITY_TASKS_DONE_RATE: '% of the city-assigned tasks done.',
  REPORTS_ON_TIME: '100 all reports on time; 50 all submitted, some late; 0 some missing.',
  INSPECTED_RATE: '% of the planned offices or communes inspected.',
  SHORTCOMINGS_HANDLED_RATE: '% of shortcomings found that were handled (100 when none).',
});
export type MonitoringMeasure = EnumValue<typeof MonitoringMeasure>;

/** From `atLeast` (0–100) of the measure, `points` (a decimal string); the highest band reached applies. */
export interface SuggestionBand {
  atLeast: number;
  points: string;
}

/** How one area-1 sub-criterion of a criteria set is suggested from the monitoring facts (secretariat's configuration). */
@Entity()
@Unique({ properties: ['criterion'] })
export class SuggestionRule extends IdEntity {
  @ManyToOne(() => CriteriaSet, { deleteRule: 'cascade' })
  criteriaSet!: Rel<CriteriaSet>;

  @ManyToOne(() => Criterion, { deleteRule: 'cascade' })
  criterion!: Rel<Criterion>;

  @Enum({ items: () => MonitoringMeasure, nativeEnumName: 'monitoring_measure' })
  measure!: MonitoringMeasure;

  @Property({ type: 'jsonb' })
  bands!: SuggestionBand[];
}
