import { AppraisalAssignment } from '../../appraisal/index.ts';
import { User } from '../../auth/index.ts';
import { Criterion } from '../../criteria/index.ts';
import { Period } from '../../periods/index.ts';
import type { SeedStepDefinition } from '../seed.ts';

/** The demo appraiser takes every area of the 2023 period for every unit (the council splits areas in reality). */
export const demoAppraisalAssignmentsStep: SeedStepDefinition = {
  name: 'demo-appraisal-assignments-2023',
  demoOnly: true,
  async run(em) {
    const period = await em.findOneOrFail(Period, { year: 2023 }, { populate: ['criteriaSets'], orderBy: { id: 'asc' } });
    const appraiser = await em.findOneOrFail(User, { username: 'appraiser' });
    const secretariat = await em.findOneOrFail(User, { username: 'secretariat' });
    const areas = await em.find(
      Criterion,
      { criteriaSet: { $in: period.criteriaSets.getItems() }, parent: null },
      { orderBy: { position: 'asc' } },
    );
    for (const areaCode of new Set(areas.map((area) => area.code))) {
      em.create(AppraisalAssignment, { period, appraiser, areaCode, createdBy: secretariat });
    }
  },
};
