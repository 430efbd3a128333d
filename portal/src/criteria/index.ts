import type { PortalFeature } from '../shared/feature';
import { bilingual } from '../shared/i18n';

// Used by scoring (the score sheet shows the same tree) and consultation (the draft under comment).
export { default as CriterionDetails } from './CriterionDetails.vue';
export { default as TreeNodeHead } from './TreeNodeHead.vue';
export { nodeLayout, useTreeView, visibleRows } from './tree';

export const criteriaFeature: PortalFeature = {
  name: 'criteria',
  routes: [
    { path: '/criteria', name: 'criteria', component: () => import('./CriteriaBrowserPage.vue') },
    { path: '/criteria/:setId(\\d+)', name: 'criteria-set', component: () => import('./CriteriaBrowserPage.vue') },
  ],
  menu: [{ to: '/criteria', label: 'criteria.menu', can: ['read', 'CriteriaSet'] }],
  messages: () => import('./messages.json').then((texts) => bilingual(texts.default)),
};
