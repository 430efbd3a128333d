import { abilitiesPlugin } from '@casl/vue';
import urql from '@urql/vue';
import { createApp } from 'vue';
import App from './App.vue';
import { ability } from './auth/session';
import { client } from './graphql/client';
import { i18n } from './i18n';
import { router } from './router';
import './styles.css';

document.documentElement.lang = i18n.global.locale.value;
createApp(App)
  .use(i18n)
  .use(router)
  .use(urql, client)
  // `$can` in templates and `useAbility()` in components read the rules from `myPermissions`.
  .use(abilitiesPlugin, ability, { useGlobalProperties: true })
  .mount('#app');
