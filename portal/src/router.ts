import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { clearSession, loadSession, session } from './auth/session';
import { features } from './features';
import { whenSignedOut } from './graphql/client';
import AppLayout from './shell/AppLayout.vue';

const all = features.flatMap((feature) => feature.routes);
const publicRoutes = all.filter((route) => route.meta?.public);
const signedInRoutes = all.filter((route) => !route.meta?.public);

const routes: RouteRecordRaw[] = [
  ...publicRoutes,
  { path: '/', component: AppLayout, children: signedInRoutes },
  { path: '/:pathMatch(.*)*', redirect: '/' },
];

export const router = createRouter({ history: createWebHistory(), routes });

// Every page but the login page needs a session; the server is asked once, then on sign-in/out.
router.beforeEach(async (to) => {
  if (to.meta.public) return true;
  if (!session.loaded) await loadSession();
  return session.user ? true : { name: 'login', query: { redirect: to.fullPath } };
});

whenSignedOut(() => {
  clearSession();
  if (!router.currentRoute.value.meta.public) void router.push({ name: 'login', query: { redirect: router.currentRoute.value.fullPath } });
});
