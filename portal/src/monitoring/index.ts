import type { PortalFeature } from '../shared/feature';
import { bilingual } from '../shared/i18n';

/** The monitoring of PAR activities: a unit's annual plan and its tasks. */
export const monitoringFeature: PortalFeature = {
  name: 'monitoring',
  routes: [{ path: '/monitoring', name: 'monitoring', component: () => import('./PlanPage.vue') }],
  menu: [{ to: '/monitoring', label: 'monitoring.menu', can: ['read', 'AnnualPlan'] }],
  messages: () => import('./messages.json').then((texts) => bilingual(texts.default)),
};
