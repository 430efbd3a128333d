import { computed } from 'vue';
import { useRoute } from 'vue-router';

/**
 * The id a page shows: the one in its address (route parameter `param`), else the page's own default, `fallback`
 * (null while it has none), for the page whose address may leave the choice out (`/appraisal`, `/criteria`).
 */
export function useRouteIdOr(param: string, fallback: () => number | null | undefined) {
  const route = useRoute();
  return computed<number | null>(() => Number(route.params[param]) || (fallback() ?? null));
}
