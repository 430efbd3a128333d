import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { StorageSettings } from '../evidence/index.ts';
import { SeedStep } from './seed-step.entity.ts';

export interface SeedOptions {
  /** Demo accounts and data: the embedded database's default, or PAR_DEMO (see AppConfig.demo). */
  demo: boolean;
  /** Deadlines of the demo period are set relative to this instant. */
  now: Date;
  /** Where seeded files are stored (default: the configured evidence store, see evidenceStorage). */
  storage?: StorageSettings;
}

export interface SeedStepDefinition {
  /** Recorded in `seed_step`; never rename an applied step. */
  name: string;
  /** Skipped unless `demo`. */
  demoOnly: boolean;
  run(em: EntityManager, options: SeedOptions): Promise<void>;
}

/**
 * Applies each step not yet recorded, each in its own transaction with its record,
 * under an advisory lock so two processes starting together do not both seed.
 */
export async function runSeedSteps(orm: MikroORM, steps: SeedStepDefinition[], options: SeedOptions): Promise<string[]> {
  const applied: string[] = [];
  for (const step of steps) {
    if (step.demoOnly && !options.demo) continue;
    const ran = await orm.em.fork().transactional(async (em) => {
      await em.execute('select pg_advisory_xact_lock(hashtext(?))', ['par_seed']);
      if (await em.findOne(SeedStep, { name: step.name })) return false;
      await step.run(em, options);
      em.create(SeedStep, { name: step.name });
      return true;
    });
    if (ran) applied.push(step.name);
  }
  return applied;
}
