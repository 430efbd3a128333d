import type { PortalFeature } from '../shared/feature';
import { bilingual } from '../shared/i18n';

export { shellContentKey, type ShellContent } from './content';

/** The signed-in layout (top bar, menu), a lazy route component: the login page does without it. */
export const AppLayout = () => import('./AppLayout.vue');

export const shellFeature: PortalFeature = {
  name: 'shell',
  routes: [{ path: '/', name: 'home', component: () => import('./HomePage.vue') }],
  menu: [{ to: '/', label: 'shell.home' }],
  messages: () => import('./messages.json').then((texts) => bilingual(texts.default)),
};
