import type { EntityManager } from '@mikro-orm/postgresql';
import { CriteriaSet, CriteriaSetStatus, Criterion, CriterionKind } from '../../criteria/index.ts';
import { fromHundredths, toHundredths } from '../../shared/decimal.ts';
import { UnitBlock } from '../../units/index.ts';
import { departmentCriteria2023, districtCriteria2023, type CriterionSeed } from '../data/hanoi-criteria.ts';
import type { SeedStepDefinition } from '../seed.ts';

/** Creates the nodes depth-first; a parent's maximum is the sum of its children, as the service keeps it. */
function createTree(em: EntityManager, set: CriteriaSet, seeds: CriterionSeed[], parent: Criterion | null): number {
  let total = 0;
  seeds.forEach((seed, position) => {
    const node = em.create(Criterion, {
      criteriaSet: set,
      parent,
      code: seed.code,
      title: seed.title,
      guidance: seed.guidance ?? null,
      maxPoints: '0',
      kind: seed.kind as CriterionKind,
      scoringMethod: seed.scoringMethod ?? null,
      bands: seed.bands ?? [],
      evidenceRequirement: seed.evidenceRequirement ?? null,
      position,
    });
    const max = seed.children?.length ? createTree(em, set, seed.children, node) : toHundredths(seed.maxPoints ?? '0', seed.code);
    node.maxPoints = fromHundredths(max);
    total += max;
  });
  return total;
}

export function seedCriteriaSet(em: EntityManager, year: number, block: UnitBlock, title: string, seeds: CriterionSeed[]): CriteriaSet {
  const set = em.create(CriteriaSet, {
    year,
    block,
    version: 1,
    title,
    status: CriteriaSetStatus.PUBLISHED,
    publishedAt: new Date(`${year}-01-15T00:00:00Z`),
  });
  createTree(em, set, seeds, null);
  return set;
}

export const hanoiCriteria2023Step: SeedStepDefinition = {
  name: 'hanoi-criteria-2023',
  demoOnly: false,
  async run(em) {
    seedCriteriaSet(em, 2023, UnitBlock.DEPARTMENT, 'Bộ Chỉ số CCHC năm 2023 – khối Sở, ban, ngành', departmentCriteria2023);
    seedCriteriaSet(em, 2023, UnitBlock.DISTRICT, 'Bộ Chỉ số CCHC năm 2023 – khối UBND quận, huyện, thị xã', districtCriteria2023);
  },
};
