import { defineAsyncComponent } from 'vue';
import type { PortalFeature } from '../features';
import { messages } from './messages';

export const appraisalFeature: PortalFeature = {
  name: 'appraisal',
  routes: [
    { path: '/appraisal', name: 'appraisal', component: () => import('./AppraisalPage.vue') },
    { path: '/appraisal/periods/:periodId(\\d+)', name: 'appraisal-period', component: () => import('./AppraisalPage.vue') },
    { path: '/appraisal/periods/:periodId(\\d+)/units/:unitId(\\d+)', name: 'appraisal-sheet', component: () => import('./SheetAppraisalPage.vue') },
  ],
  // Appraisers and the secretariat work here; units come to read results and explain.
  menu: [{ to: '/appraisal', label: 'appraisal.menu', can: ['read', 'SheetReview'] }],
  // Loaded lazily: a static import would close an import cycle through i18n → features.
  header: [defineAsyncComponent(() => import('./NotificationBell.vue'))],
  messages,
};
