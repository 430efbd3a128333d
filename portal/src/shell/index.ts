import type { PortalFeature } from '../shared/feature';
import { messages } from './messages';

export { default as AppLayout } from './AppLayout.vue';
export { shellContentKey, type ShellContent } from './menu';

export const shellFeature: PortalFeature = {
  name: 'shell',
  routes: [{ path: '/', name: 'home', component: () => import('./HomePage.vue') }],
  menu: [{ to: '/', label: 'shell.home' }],
  messages,
};
