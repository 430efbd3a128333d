import { abilitiesPlugin } from '@casl/vue';
import urql from '@urql/vue';
import { createApp } from 'vue';
import { createRouter, createWebHistory } from 'vue-router';
import App from './App.vue';
import { appraisalFeature } from './appraisal';
import { ability, authFeature, requireSignIn } from './auth';
import { consultationFeature } from './consultation';
import { criteriaFeature } from './criteria';
import { monitoringFeature } from './monitoring';
import { resultsFeature } from './results';
import { rolloverFeature } from './rollover';
import { scoringFeature } from './scoring';
import type { PortalFeature } from './shared/feature';
import { client } from './shared/graphql';
import { bilingual, i18n, type Locale } from './shared/i18n';
import { errorMessages } from './shared/errors';
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
];

// Every feature contributes its own messages under its own key (the shared pieces under `shared`, the error messages
// under `errors`).
const messages = [bilingual(sharedTexts), errorMessages, ...features.map((feature) => feature.messages)];
for (const locale of ['vi', 'en'] satisfies Locale[]) {
  i18n.global.setLocaleMessage(locale, Object.assign({}, ...messages.map((tree) => tree[locale])));
}

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

document.documentElement.lang = i18n.global.locale.value;
createApp(App)
  .provide(shellContentKey, {
    menu: features.flatMap((feature) => feature.menu ?? []),
    header: features.flatMap((feature) => feature.header ?? []),
  })
  .use(i18n)
  .use(router)
  .use(urql, client)
  // `$can` in templates and `useAbility()` in components read the rules from `myPermissions`.
  .use(abilitiesPlugin, ability, { useGlobalProperties: true })
  .mount('#app');
