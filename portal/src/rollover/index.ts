import type { PortalFeature } from '../shared/feature';
import { bilingual } from '../shared/i18n';

/** The secretariat's yearly rollover: preview the next year, then start it. */
export const rolloverFeature: PortalFeature = {
  name: 'rollover',
  routes: [{ path: '/rollover', name: 'rollover', component: () => import('./RolloverPage.vue') }],
  menu: [{ to: '/rollover', label: 'rollover.menu', can: ['rollOver', 'Period'], homeOnly: true }],
  messages: () => import('./messages.json').then((texts) => bilingual(texts.default)),
};
