import type { PortalFeature } from '../shared/feature';
import { messages } from './messages';

export { requireSignIn } from './guard';
export { ability, session, signOut, type SessionUser } from './session';

export const authFeature: PortalFeature = {
  name: 'auth',
  routes: [
    { path: '/login', name: 'login', component: () => import('./LoginPage.vue'), meta: { public: true } },
    { path: '/password', name: 'change-password', component: () => import('./ChangePasswordPage.vue'), meta: { standalone: true } },
  ],
  messages,
};
