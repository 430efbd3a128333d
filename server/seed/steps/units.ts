import { Unit } from '../../units/index.ts';
import { hanoiUnits } from '../data/hanoi-units.ts';
import type { SeedStepDefinition } from '../seed.ts';

export const hanoiUnitsStep: SeedStepDefinition = {
  name: 'hanoi-units',
  demoOnly: false,
  async run(em) {
    for (const unit of hanoiUnits) em.create(Unit, { ...unit, block: unit.block as Unit['block'], active: true });
  },
};
