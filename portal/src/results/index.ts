import type { PortalFeature } from '../shared/feature';
import { bilingual } from '../shared/i18n';

export const resultsFeature: PortalFeature = {
  name: 'results',
  routes: [{ path: '/results', name: 'results', component: () => import('./ResultsDashboardPage.vue') }],
  menu: [{ to: '/results', label: 'results.menu', can: ['read', 'PeriodResult'] }],
  messages: () => import('./messages.json').then((texts) => bilingual(texts.default)),
};
