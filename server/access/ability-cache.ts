import type { MikroORM } from '@mikro-orm/postgresql';
import {
  buildAbility,
  type AppAbility,
  type AuthUser,
  type PermissionFacts,
  type PermissionFactsLoader,
  type PermissionRules,
} from './ability.ts';

/** How long an ability built from loaded facts is reused; writes that change facts call `invalidate()`. */
const FACTS_TTL_MS = 10_000;
const MAX_ENTRIES = 500;

interface Entry {
  ability: AppAbility;
  builtAt: number;
  fromFacts: boolean;
}

/**
 * Abilities per user, built from every module's rules and facts. A user whose rules need no
 * facts costs no SQL; one whose do costs one statement per loader every few seconds.
 */
export class AbilityCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly orm: MikroORM,
    private readonly rules: PermissionRules[],
    private readonly loaders: PermissionFactsLoader[],
  ) {}

  async for(user: AuthUser | null): Promise<AppAbility> {
    const key = JSON.stringify(user);
    const now = Date.now();
    const cached = this.entries.get(key);
    if (cached && (!cached.fromFacts || now - cached.builtAt < FACTS_TTL_MS)) return cached.ability;
    let facts: Partial<PermissionFacts> = {};
    if (user) {
      const em = this.orm.em.fork();
      for (const load of this.loaders) facts = { ...facts, ...(await load(em, user)) };
    }
    const ability = buildAbility(user, this.rules, facts);
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(key, { ability, builtAt: now, fromFacts: Object.keys(facts).length > 0 });
    return ability;
  }

  /** Forgets every ability, so the next request of each user sees the facts just written. */
  invalidate(): void {
    this.entries.clear();
  }
}
