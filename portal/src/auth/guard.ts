import { useRoute, useRouter, type Router } from 'vue-router';
import { whenSignedOut } from '../shared/graphql';
import { clearSession, loadSession, session } from './session';

/**
 * Every page but the public ones (the login page) needs a session: the server is asked once, then on sign-in and
 * sign-out; an account that must change its password goes to that page first. When the server says the session is gone, the user goes to the login page and comes back afterwards.
 */
export function requireSignIn(router: Router): void {
  router.beforeEach(async (to) => {
    if (to.meta.public) return true;
    if (!session.loaded) await loadSession();
    if (!session.user) return { name: 'login', query: { redirect: to.fullPath } };
    // A password someone else chose (the first administrator's) is replaced before anything else.
    if (session.user.mustChangePassword && to.name !== 'change-password')
      return { name: 'change-password', query: { redirect: to.fullPath } };
    return true;
  });

  whenSignedOut(() => {
    clearSession();
    const current = router.currentRoute.value;
    if (!current.meta.public) void router.push({ name: 'login', query: { redirect: current.fullPath } });
  });
}

/**
 * Once signed in (the login page) or past the password change: on to the page the guard sent the user away from (its
 * `redirect`), else home.
 */
export function useRedirectBack() {
  const route = useRoute();
  const router = useRouter();
  return () => router.replace(typeof route.query.redirect === 'string' ? route.query.redirect : '/');
}
