import urql from '@urql/vue';
import { createApp } from 'vue';
import { createRouter, createWebHistory } from 'vue-router';
import App from './App.vue';
import { accountsFeature } from './accounts';
import { appraisalFeature } from './appraisal';
import { authFeature, loadAbility, requireSignIn } from './auth';
import { consultationFeature } from './consultation';
import { criteriaFeature } from './criteria';
import { monitoringFeature } from './monitoring';
import { resultsFeature } from './results';
import { rolloverFeature } from './rollover';
import { scoringFeature } from './scoring';
import type { PortalFeature } from './shared/feature';
import { client } from './shared/graphql';
import { bilingual, i18n, type Locale, type LocaleMessages } from './shared/i18n';
import { loadErrorMessages } from './shared/errors';
import sharedTexts from './shared/messages.json';
import { AppLayout, shellContentKey, shellFeature } from './shell';
import './styles.css';

// The composition root: the one place that knows every feature. The messages, the router, the menu and the top bar
// are assembled here from this list, so no feature (and no shared piece) ever imports the list back.
const features: PortalFeature[] = [
  shellFeature,
  authFeature,
  criteriaFeature,
  scoringFeature,
  appraisalFeature,
  consultationFeature,
  resultsFeature,
  monitoringFeature,
  rolloverFeature,
  accountsFeature,
];

// Every feature contributes its own messages under its own key (the shared pieces under `shared`, the error messages
// under `errors`). The texts the login page needs are here at once; the error table follows right after the start
// (shared/errors.ts) and the other features' texts come with the first signed-in page (below).
function addMessages(tree: Record<Locale, LocaleMessages>): void {
  for (const locale of ['vi', 'en'] satisfies Locale[]) i18n.global.mergeLocaleMessage(locale, tree[locale]);
}
addMessages(bilingual(sharedTexts));
void loadErrorMessages().then(addMessages);
for (const feature of features) if (typeof feature.messages !== 'function') addMessages(feature.messages);

// Public pages (the login page) and `standalone` ones (the first password change) stand alone; every other page
// opens inside the signed-in layout.
const routes = features.flatMap((feature) => feature.routes);
const alone = (route: (typeof routes)[number]) => Boolean(route.meta?.public || route.meta?.standalone);
const router = createRouter({
  history: createWebHistory(),
  routes: [
    ...routes.filter(alone),
    { path: '/', component: AppLayout, children: routes.filter((route) => !alone(route)) },
    { path: '/:pathMatch(.*)*', redirect: '/' },
  ],
});
requireSignIn(router);

const app = createApp(App);

// What only signed-in pages need, loaded once before the first of them (after the session check above, so a visitor
// sent to the login page loads none of it): every other feature's texts and the CASL ability (`useAbility()`).
let signedIn: Promise<unknown> | null = null;
router.beforeEach(async (to) => {
  if (to.meta.public) return true;
  signedIn ??= Promise.all([
    ...features.flatMap((feature) => (typeof feature.messages === 'function' ? [feature.messages().then(addMessages)] : [])),
    loadAbility().then(({ installAbility }) => installAbility(app)),
  ]).catch((error: unknown) => {
    signedIn = null; // a lost connection: try again at the next navigation
    throw error;
  });
  await signedIn;
  return true;
});

document.documentElement.lang = i18n.global.locale.value;
app
  .provide(shellContentKey, {
    menu: features.flatMap((feature) => feature.menu ?? []),
    header: features.flatMap((feature) => feature.header ?? []),
  })
  .use(i18n)
  .use(router)
  .use(urql, client)
  .mount('#app');
