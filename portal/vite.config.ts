import { fileURLToPath, URL } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig, type Plugin } from 'vite';
import { compression } from 'vite-plugin-compression2';

/**
 * vue-i18n finds the current component with `'currentInstance' in Vue` on `import * as Vue from 'vue'`: that probe makes
 * the bundler keep every export of Vue (hydration, custom elements, Teleport, Suspense…) in the chunk every page loads.
 * Vue 3.5 exports no `currentInstance`, so the probe is always false: this replaces it with `false` at build time, and
 * Vue is tree-shaken again. The build stops if vue-i18n no longer reads this way (an upgrade: look again).
 */
function vueI18nTreeShaking(): Plugin {
  const probe = 'if (key in Vue) {';
  return {
    name: 'par:vue-i18n-tree-shaking',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]vue-i18n[\\/]dist[\\/]vue-i18n\.(runtime\.)?mjs$/.test(id)) return null;
      if (!code.includes(probe)) this.error(`${id}: vue-i18n's probe of the Vue namespace changed; see portal/vite.config.ts`);
      return { code: code.replace(probe, 'if (false) {'), map: null };
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [
    vue(),
    vueI18nTreeShaking(),
    // Every asset also as .br and .gz beside it; the API serves the one the browser accepts (express-static-gzip).
    compression({ algorithms: ['brotliCompress', 'gzip'], threshold: 1024, skipIfLargerOrEqual: true, exclude: [/manifest\.json$/] }),
  ],
  // Compile-time flags of Vue and vue-i18n: the portal uses the Composition API only, so the Options API and vue-i18n's
  // legacy API are left out of the bundle.
  define: {
    __VUE_OPTIONS_API__: 'false',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    __VUE_I18N_LEGACY_API__: 'false',
    __VUE_I18N_FULL_INSTALL__: 'false',
    __INTLIFY_PROD_DEVTOOLS__: 'false',
  },
  // The manifest lists each entry and lazy page with the chunks it imports: scripts/bundle-size.ts reads it.
  // No modulepreload polyfill (0.3 kB on the login page): a browser without modulepreload fetches the modules when imported.
  build: { outDir: 'dist', emptyOutDir: true, manifest: true, chunkSizeWarningLimit: 1500, modulePreload: { polyfill: false } },
  // `npm run dev:portal` next to `npm run dev:server` (port 3000): GraphQL, GraphiQL, and every route under /api/<module>/.
  server: { proxy: { '/graphql': 'http://localhost:3000', '/graphiql': 'http://localhost:3000', '/api': 'http://localhost:3000' } },
});
