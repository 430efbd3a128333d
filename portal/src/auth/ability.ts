import { createMongoAbility, type MongoAbility } from '@casl/ability';
import { unpackRules } from '@casl/ability/extra';
import { abilitiesPlugin } from '@casl/vue';
import { watch, type App } from 'vue';
import { packedRules } from './session';

/** The signed-in user's rules as a CASL ability, kept in step with the session (sign-in, sign-out, a new password). */
const ability: MongoAbility = createMongoAbility();
watch(packedRules, (rules) => ability.update(unpackRules(rules)), { immediate: true, flush: 'sync' });

/** Gives every component `useAbility()` (from @casl/vue): what the user may do, re-evaluated when the rules change. */
export function installAbility(app: App): void {
  app.use(abilitiesPlugin, ability);
}
