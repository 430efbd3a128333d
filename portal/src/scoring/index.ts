import type { PortalFeature } from '../shared/feature';
import { bilingual } from '../shared/i18n';

export const scoringFeature: PortalFeature = {
  name: 'scoring',
  routes: [
    { path: '/scoring', name: 'scoring', component: () => import('./ScoringHomePage.vue') },
    { path: '/scoring/:periodId(\\d+)/:unitId(\\d+)', name: 'score-sheet', component: () => import('./ScoreSheetPage.vue') },
  ],
  menu: [{ to: '/scoring', label: 'scoring.menu', can: ['read', 'ScoreSheet'] }],
  messages: () => import('./messages.json').then((texts) => bilingual(texts.default)),
};
