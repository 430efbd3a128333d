import { Entity, Enum, ManyToOne, Property, Unique, type Rel } from '@mikro-orm/core';
import { CriteriaSet, Criterion } from '../criteria/index.ts';
import { IdEntity } from '../shared/entity.ts';

/** What the monitoring facts measure for a unit and year; a rule maps one of them to a sub-criterion's bands. */
export enum MonitoringMeasure {
  /** The PAR plan issued by the year's deadline: 100 on time, 50 late, 0 not issued. */
  PLAN_ON_TIME = 'PLAN_ON_TIME',
  INSPECTION_PLAN_ON_TIME = 'INSPECTION_PLAN_ON_TIME',
  COMMUNICATION_PLAN_ON_TIME = 'COMMUNICATION_PLAN_ON_TIME',
  /** % of the plan's tasks (cancelled left out) done by their deadline. */
  TASKS_ON_TIME_RATE = 'TASKS_ON_TIME_RATE',
  /** % of the city-assigned tasks done. */
  CITY_TASKS_DONE_RATE = 'CITY_TASKS_DONE_RATE',
  /** Every period's report submitted and on time: 100; all submitted, some late: 50; some missing: 0. */
  REPORTS_ON_TIME = 'REPORTS_ON_TIME',
  /** % of the inspection plan's offices or communes inspected. */
  INSPECTED_RATE = 'INSPECTED_RATE',
  /** % of the shortcomings found that were handled (100 when none was found). */
  SHORTCOMINGS_HANDLED_RATE = 'SHORTCOMINGS_HANDLED_RATE',
}

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
