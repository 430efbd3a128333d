import type { PortalFeature } from '../features';
import { messages } from './messages';

export const authFeature: PortalFeature = {
  name: 'auth',
  routes: [{ path: '/login', name: 'login', component: () => import('./LoginPage.vue'), meta: { public: true } }],
  messages,
};
