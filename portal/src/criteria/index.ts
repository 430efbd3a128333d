import type { PortalFeature } from '../features';
import { messages } from './messages';

export const criteriaFeature: PortalFeature = {
  name: 'criteria',
  routes: [
    { path: '/criteria', name: 'criteria', component: () => import('./CriteriaBrowserPage.vue') },
    { path: '/criteria/:setId(\\d+)', name: 'criteria-set', component: () => import('./CriteriaBrowserPage.vue') },
  ],
  menu: [{ to: '/criteria', label: 'criteria.menu', can: ['read', 'CriteriaSet'] }],
  messages,
};
