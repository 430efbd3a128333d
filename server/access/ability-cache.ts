import type { MikroORM } from '@mikro-orm/postgresql';
import type { ClusterSignals } from '../shared/cluster-signals.ts';
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

  /** `signals`: the other API processes on the database, told of every invalidation (null: this process alone). */
  constructor(
    private readonly orm: MikroORM,
    private readonly rules: PermissionRules[],
    private readonly loaders: PermissionFactsLoader[],
    private readonly signals: ClusterSignals | null = null,
  ) {
    signals?.on('abilities', () => this.entries.clear());
    signals?.onResync(() => this.entries.clear());
  }

  async for(user: AuthUser | null): Promise<AppAbility> {
    const key = this.keyOf(user);
    const now = Date.now();
    const cached = this.entries.get(key);
    const trusted = cached && (!cached.fromFacts || (now - cached.builtAt < FACTS_TTL_MS && (this.signals?.live ?? true)));
    if (trusted) return cached.ability;
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

  /** The session cache hands out one user object per session while it trusts it: its key is written once. */
  private readonly keys = new WeakMap<AuthUser, string>();

  private keyOf(user: AuthUser | null): string {
    if (!user) return 'null';
    let key = this.keys.get(user);
    if (key === undefined) this.keys.set(user, (key = JSON.stringify(user)));
    return key;
  }

  /** Forgets every ability, here and in the other processes, so the next request of each user sees the facts just written. */
  async invalidate(): Promise<void> {
    this.entries.clear();
    await this.signals?.send({ kind: 'abilities' });
  }
}
