import type { PortalFeature } from '../shared/feature';
import { bilingual } from '../shared/i18n';

/** The monitoring of PAR activities: a unit's annual plan and its tasks; the secretariat's overview of the city. */
export const monitoringFeature: PortalFeature = {
  name: 'monitoring',
  routes: [
    { path: '/monitoring', name: 'monitoring', component: () => import('./PlanPage.vue') },
    { path: '/monitoring/overview', name: 'monitoring-overview', component: () => import('./OverviewPage.vue') },
  ],
  menu: [
    { to: '/monitoring', label: 'monitoring.menu', can: ['read', 'AnnualPlan'] },
    // Among the home page's shortcuts (the top bar is full); the plan page links to it too.
    { to: '/monitoring/overview', label: 'monitoring.overviewMenu', can: ['read', 'ReportConsolidation'], homeOnly: true },
  ],
  messages: () => import('./messages.json').then((texts) => bilingual(texts.default)),
};
