import type { Component, InjectionKey } from 'vue';
import type { MenuEntry } from '../shared/feature';

/** What the other features put in the shell: their menu entries and top-bar widgets. `main.ts` provides it. */
export interface ShellContent {
  menu: MenuEntry[];
  header: Component[];
}
export const shellContentKey: InjectionKey<ShellContent> = Symbol('shell content');
