import { defineAsyncComponent } from 'vue';
import type { PortalFeature } from '../shared/feature';
import { bilingual } from '../shared/i18n';

// Loaded with the signed-in layout, not with the login page: it brings the appraisal feature's GraphQL documents.
const NotificationBell = defineAsyncComponent(() => import('./NotificationBell.vue'));

export const appraisalFeature: PortalFeature = {
  name: 'appraisal',
  routes: [
    { path: '/appraisal', name: 'appraisal', component: () => import('./AppraisalPage.vue') },
    { path: '/appraisal/periods/:periodId(\\d+)', name: 'appraisal-period', component: () => import('./AppraisalPage.vue') },
    {
      path: '/appraisal/periods/:periodId(\\d+)/units/:unitId(\\d+)',
      name: 'appraisal-sheet',
      component: () => import('./SheetAppraisalPage.vue'),
    },
  ],
  // Appraisers and the secretariat work here; units come to read results and explain.
  menu: [{ to: '/appraisal', label: 'appraisal.menu', can: ['read', 'SheetReview'] }],
  header: [NotificationBell],
  messages: () => import('./messages.json').then((texts) => bilingual(texts.default)),
};
