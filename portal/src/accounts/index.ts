import type { PortalFeature } from '../shared/feature';
import { bilingual } from '../shared/i18n';

/** The administrator's account management: the list, new accounts, one-time codes, deactivation, roles and units. */
export const accountsFeature: PortalFeature = {
  name: 'accounts',
  routes: [{ path: '/accounts', name: 'accounts', component: () => import('./AccountsPage.vue') }],
  menu: [{ to: '/accounts', label: 'accounts.menu', can: ['create', 'User'] }],
  messages: () => import('./messages.json').then((texts) => bilingual(texts.default)),
};
