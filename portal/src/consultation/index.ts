import type { PortalFeature } from '../shared/feature';
import { bilingual } from '../shared/i18n';

export const consultationFeature: PortalFeature = {
  name: 'consultation',
  routes: [
    { path: '/consultations', name: 'consultations', component: () => import('./ConsultationsPage.vue') },
    {
      path: '/consultations/:id(\\d+)/:tab(draft|comments|synthesis|diff)?',
      name: 'consultation',
      component: () => import('./ConsultationPage.vue'),
    },
  ],
  menu: [{ to: '/consultations', label: 'consultation.menu', can: ['read', 'Consultation'] }],
  messages: () => import('./messages.json').then((texts) => bilingual(texts.default)),
};
