import type { AppraisalCycleFieldsFragment, AppraisalItemFieldsFragment, ExplanationStatus } from '../generated/appraisal';

/** One sub-criterion of a sheet under appraisal, with the cycle and explanation state it is judged in. */
export interface ItemInCycle {
  item: AppraisalItemFieldsFragment;
  cycle: AppraisalCycleFieldsFragment;
  explanationStatus: ExplanationStatus;
}
