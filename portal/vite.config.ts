import { fileURLToPath, URL } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [
    vue(),
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
  build: { outDir: 'dist', emptyOutDir: true, manifest: true, chunkSizeWarningLimit: 1500 },
  // `npm run dev:portal` next to `npm run dev:server` (port 3000): GraphQL, GraphiQL, and every route under /api/<module>/.
  server: { proxy: { '/graphql': 'http://localhost:3000', '/graphiql': 'http://localhost:3000', '/api': 'http://localhost:3000' } },
});
