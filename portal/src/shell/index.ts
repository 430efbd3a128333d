import type { PortalFeature } from '../features';
import { messages } from './messages';

export const shellFeature: PortalFeature = {
  name: 'shell',
  routes: [{ path: '/', name: 'home', component: () => import('./HomePage.vue') }],
  menu: [{ to: '/', label: 'shell.home' }],
  messages,
};
