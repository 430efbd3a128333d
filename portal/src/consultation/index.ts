import type { PortalFeature } from '../shared/feature';

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
  messages: () => import('./messages').then((texts) => texts.messages),
};
