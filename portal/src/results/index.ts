import type { PortalFeature } from '../shared/feature';
import { messages } from './messages';

export const resultsFeature: PortalFeature = {
  name: 'results',
  routes: [{ path: '/results', name: 'results', component: () => import('./ResultsDashboardPage.vue') }],
  menu: [{ to: '/results', label: 'results.menu', can: ['read', 'PeriodResult'] }],
  messages,
};
