import type { PortalFeature } from '../shared/feature';
import { bilingual } from '../shared/i18n';
import texts from './messages.json';

export const scoringFeature: PortalFeature = {
  name: 'scoring',
  routes: [
    { path: '/scoring', name: 'scoring', component: () => import('./ScoringHomePage.vue') },
    { path: '/scoring/:periodId(\\d+)/:unitId(\\d+)', name: 'score-sheet', component: () => import('./ScoreSheetPage.vue') },
  ],
  menu: [{ to: '/scoring', label: 'scoring.menu', can: ['read', 'ScoreSheet'] }],
  messages: bilingual(texts),
};
