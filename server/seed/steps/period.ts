import { CriteriaSet } from '../../criteria/index.ts';
import { Period, PeriodStatus } from '../../periods/index.ts';
import type { SeedStepDefinition } from '../seed.ts';

const DAY = 86_400_000;

export const hanoiPeriod2023Step: SeedStepDefinition = {
  name: 'hanoi-period-2023',
  demoOnly: true,
  async run(em, { now }) {
    const sets = await em.find(CriteriaSet, { year: 2023, version: 1 });
    // Deadlines relative to the first start, so the demo period is open whenever it is tried.
    const period = em.create(Period, {
      year: 2023,
      name: 'Đánh giá, xác định Chỉ số CCHC năm 2023',
      status: PeriodStatus.SELF_ASSESSMENT,
      selfScoringClosesAt: new Date(now.getTime() + 30 * DAY),
      explanationClosesAt: new Date(now.getTime() + 60 * DAY),
    });
    period.criteriaSets.set(sets);
  },
};
