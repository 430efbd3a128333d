import { useAbility } from '@casl/vue';
import { computed, inject } from 'vue';
import type { MenuEntry } from '../shared/feature';
import { shellContentKey, type ShellContent } from './content';

export function useShellContent(): ShellContent {
  const content = inject(shellContentKey);
  if (!content) throw new Error('The shell content is provided by main.ts.');
  return content;
}

/** The menu entries that the user's rules allow; recomputed when the session changes. */
export function useVisibleMenu() {
  const { menu } = useShellContent();
  const ability = useAbility();
  return computed<MenuEntry[]>(() => menu.filter((entry) => !entry.can || ability.can(entry.can[0], entry.can[1])));
}
