import { computed } from 'vue';
import { ability, session } from '../auth/session';
import { features, type MenuEntry } from '../features';

/** The menu entries of every feature that the user's rules allow; recomputed when the session changes. */
export const visibleMenu = computed<MenuEntry[]>(() => {
  void session.user; // re-evaluate on sign-in / sign-out (the ability is updated alongside)
  return features.flatMap((feature) => feature.menu ?? []).filter((entry) => !entry.can || ability.can(entry.can[0], entry.can[1]));
});
