import { fromHundredths, toHundredths } from '../../shared/decimal.ts';
import { departmentCriteria2023, districtCriteria2023, type CriterionSeed } from './hanoi-criteria.ts';

/**
 * Demo seed: the criteria sets of 2021 and 2022, for the year-over-year comparison. ILLUSTRATIVE:
 * the 2023 sets without criterion 7.5 (digital transformation in the sector / the communes, new in
 * 2023), whose points belonged to the first sub-criterion of 7.4; texts name their own year.
 */
function earlier(seeds: CriterionSeed[], year: number): CriterionSeed[] {
  const retitle = (text: string | undefined) => text?.replaceAll('2023', String(year));
  const copy = (node: CriterionSeed): CriterionSeed => ({
    ...node,
    title: retitle(node.title)!,
    ...(node.guidance ? { guidance: retitle(node.guidance) } : {}),
    ...(node.evidenceRequirement ? { evidenceRequirement: retitle(node.evidenceRequirement) } : {}),
    ...(node.scoringMethod ? { scoringMethod: retitle(node.scoringMethod) } : {}),
    ...(node.children ? { children: node.children.map(copy) } : {}),
  });
  const sets = seeds.map(copy);
  const area7 = sets.find((node) => node.code === '7')!;
  const removed = area7.children!.find((node) => node.code === '7.5')!;
  area7.children = area7.children!.filter((node) => node !== removed);
  const points = (node: CriterionSeed): number =>
    node.children ? node.children.reduce((sum, child) => sum + points(child), 0) : toHundredths(node.maxPoints!, node.code);
  const target = area7.children.find((node) => node.code === '7.4')!.children![0]!;
  target.maxPoints = fromHundredths(toHundredths(target.maxPoints!, target.code) + points(removed));
  return sets;
}

export const departmentCriteriaOf = (year: number) => earlier(departmentCriteria2023, year);
export const districtCriteriaOf = (year: number) => earlier(districtCriteria2023, year);
