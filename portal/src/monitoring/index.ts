import type { PortalFeature } from '../shared/feature';
import { bilingual } from '../shared/i18n';

/**
 * The monitoring of PAR activities: a unit's annual plan and its tasks, its periodic reports and its inspections; the
 * secretariat's overview of the city, from which each submitted report opens to be accepted or returned.
 */
export const monitoringFeature: PortalFeature = {
  name: 'monitoring',
  routes: [
    { path: '/monitoring', name: 'monitoring', component: () => import('./PlanPage.vue') },
    { path: '/monitoring/overview', name: 'monitoring-overview', component: () => import('./OverviewPage.vue') },
    { path: '/monitoring/reports', name: 'monitoring-reports', component: () => import('./ReportFormPage.vue') },
    { path: '/monitoring/reports/:id(\\d+)', name: 'monitoring-report', component: () => import('./ReportViewPage.vue') },
    { path: '/monitoring/inspections', name: 'monitoring-inspections', component: () => import('./InspectionsPage.vue') },
  ],
  menu: [
    { to: '/monitoring', label: 'monitoring.menu', can: ['read', 'AnnualPlan'] },
    // Home-page shortcuts (the top bar is full), linked from the plan page too. Only units write reports: the
    // secretariat opens each from the overview.
    { to: '/monitoring/reports', label: 'monitoring.reportsMenu', can: ['update', 'PeriodicReport'], homeOnly: true },
    { to: '/monitoring/inspections', label: 'monitoring.inspectionsMenu', can: ['read', 'Inspection'], homeOnly: true },
    // Among the home page's shortcuts (the top bar is full); the plan page links to it too.
    { to: '/monitoring/overview', label: 'monitoring.overviewMenu', can: ['read', 'ReportConsolidation'], homeOnly: true },
  ],
  messages: () => import('./messages.json').then((texts) => bilingual(texts.default)),
};
