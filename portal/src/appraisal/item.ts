import type {
  AppraisalCycleFieldsFragment,
  AppraisalItemFieldsFragment,
  ExplanationStatus,
  MonitoringSuggestionFieldsFragment,
} from '../generated/appraisal';

/** One sub-criterion of a sheet under appraisal, with the cycle and explanation state it is judged in. */
export interface ItemInCycle {
  item: AppraisalItemFieldsFragment;
  cycle: AppraisalCycleFieldsFragment;
  explanationStatus: ExplanationStatus;
  /** What the monitoring system measured for the sub-criterion (area 1), when it has a rule. */
  monitoring?: MonitoringSuggestionFieldsFragment;
}
