import { CriteriaSet, Criterion } from '../../criteria/index.ts';
import { MonitoringMeasure, SuggestionRule } from '../../monitoring/index.ts';
import type { SeedStepDefinition } from '../seed.ts';

/** Area 1 of the 2023 sets, as the criteria texts score it: measure and thresholds (% of the maximum per band). */
const RULES: { code: string; measure: MonitoringMeasure; thresholds: [number, number][] }[] = [
  {
    code: '1.1.1',
    measure: MonitoringMeasure.PLAN_ON_TIME,
    thresholds: [
      [100, 1],
      [50, 0.5],
      [0, 0],
    ],
  },
  {
    code: '1.1.2',
    measure: MonitoringMeasure.TASKS_ON_TIME_RATE,
    thresholds: [
      [90, 1],
      [70, 0.5],
      [0, 0],
    ],
  },
  {
    code: '1.1.3',
    measure: MonitoringMeasure.CITY_TASKS_DONE_RATE,
    thresholds: [
      [100, 1],
      [80, 0.5],
      [0, 0],
    ],
  },
  {
    code: '1.2',
    measure: MonitoringMeasure.REPORTS_ON_TIME,
    thresholds: [
      [100, 1],
      [50, 0.5],
      [0, 0],
    ],
  },
  {
    code: '1.3.1',
    measure: MonitoringMeasure.INSPECTION_PLAN_ON_TIME,
    thresholds: [
      [100, 1],
      [50, 0.5],
      [0, 0],
    ],
  },
  {
    code: '1.3.2',
    measure: MonitoringMeasure.INSPECTED_RATE,
    thresholds: [
      [30, 1],
      [20, 0.5],
      [0, 0],
    ],
  },
  {
    code: '1.3.3',
    measure: MonitoringMeasure.SHORTCOMINGS_HANDLED_RATE,
    thresholds: [
      [100, 1],
      [70, 0.5],
      [0, 0],
    ],
  },
  {
    code: '1.4.1',
    measure: MonitoringMeasure.COMMUNICATION_PLAN_ON_TIME,
    thresholds: [
      [100, 1],
      [50, 0.5],
      [0, 0],
    ],
  },
];

/** Two places, as the Decimal scalar writes them. */
const points = (max: string, share: number) => (Math.round(Number(max) * share * 100) / 100).toFixed(2);

/** The suggestion rules of area 1 for the published 2023 sets of both blocks. */
export const hanoiSuggestionRules2023Step: SeedStepDefinition = {
  name: 'hanoi-monitoring-rules-2023',
  demoOnly: true,
  async run(em) {
    const sets = await em.find(CriteriaSet, { year: 2023, version: 1 });
    const criteria = await em.find(Criterion, { criteriaSet: { $in: sets }, code: { $in: RULES.map((rule) => rule.code) } });
    for (const criterion of criteria) {
      const rule = RULES.find((candidate) => candidate.code === criterion.code)!;
      em.create(SuggestionRule, {
        criteriaSet: criterion.criteriaSet,
        criterion,
        measure: rule.measure,
        bands: rule.thresholds.map(([atLeast, share]) => ({ atLeast, points: points(criterion.maxPoints, share) })),
      });
    }
    await em.flush();
  },
};
