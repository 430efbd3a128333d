import { fileURLToPath, URL } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [vue()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  // `npm run dev:portal` next to `npm run dev:server` (port 3000): GraphQL, GraphiQL, and every route under /api/<module>/.
  server: { proxy: { '/graphql': 'http://localhost:3000', '/graphiql': 'http://localhost:3000', '/api': 'http://localhost:3000' } },
});
