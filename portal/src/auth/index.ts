import type { PortalFeature } from '../shared/feature';
import { bilingual } from '../shared/i18n';
import texts from './messages.json';

export { requireSignIn } from './guard';
export { session, signOut, type SessionUser } from './session';

/** The CASL ability and its Vue plugin, loaded before the first signed-in page (so the login page does without CASL). */
export const loadAbility = () => import('./ability');

export const authFeature: PortalFeature = {
  name: 'auth',
  routes: [
    { path: '/login', name: 'login', component: () => import('./LoginPage.vue'), meta: { public: true } },
    { path: '/password', name: 'change-password', component: () => import('./ChangePasswordPage.vue'), meta: { standalone: true } },
  ],
  // The login page's texts: with the portal's first download.
  messages: bilingual(texts),
};
