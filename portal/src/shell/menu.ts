import { computed, inject, type Component, type InjectionKey } from 'vue';
import { ability, session } from '../auth';
import type { MenuEntry } from '../shared/feature';

/** What the other features put in the shell: their menu entries and top-bar widgets. `main.ts` provides it. */
export interface ShellContent {
  menu: MenuEntry[];
  header: Component[];
}
export const shellContentKey: InjectionKey<ShellContent> = Symbol('shell content');

export function useShellContent(): ShellContent {
  const content = inject(shellContentKey);
  if (!content) throw new Error('The shell content is provided by main.ts.');
  return content;
}

/** The menu entries that the user's rules allow; recomputed when the session changes. */
export function useVisibleMenu() {
  const { menu } = useShellContent();
  return computed<MenuEntry[]>(() => {
    void session.user; // re-evaluate on sign-in / sign-out (the ability is updated alongside)
    return menu.filter((entry) => !entry.can || ability.can(entry.can[0], entry.can[1]));
  });
}
