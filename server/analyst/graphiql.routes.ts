import type { Express } from 'express';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { RouteDeps } from '../access/index.ts';
import { exampleTabs } from './graphiql-examples.ts';

const require = createRequire(import.meta.url);

/** The folder of an installed package (their `exports` hide the prebuilt files from `require.resolve`). */
function packageDir(name: string): string {
  let dir = path.dirname(require.resolve(name));
  while (!dir.endsWith(`${path.sep}node_modules${path.sep}${name}`)) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the folder of ${name}`);
    dir = parent;
  }
  return dir;
}

/** Prebuilt browser bundles from npm (no CDN: government intranets are often offline). */
const ASSETS: Record<string, string> = {
  'react.js': path.join(packageDir('react'), 'umd/react.production.min.js'),
  'react-dom.js': path.join(packageDir('react-dom'), 'umd/react-dom.production.min.js'),
  'graphiql.js': path.join(packageDir('graphiql'), 'graphiql.min.js'),
  'graphiql.css': path.join(packageDir('graphiql'), 'graphiql.min.css'),
};

const PAGE = `<!doctype html>
<html lang="vi">
<head>
  <meta charset="utf-8">
  <title>GraphiQL – Chỉ số CCHC Hà Nội</title>
  <link rel="stylesheet" href="/graphiql/assets/graphiql.css">
  <style>body { margin: 0; height: 100vh; } #graphiql { height: 100vh; }</style>
</head>
<body>
  <div id="graphiql">Đang tải GraphiQL…</div>
  <script src="/graphiql/assets/react.js"></script>
  <script src="/graphiql/assets/react-dom.js"></script>
  <script src="/graphiql/assets/graphiql.js"></script>
  <script src="/graphiql/start.js"></script>
</body>
</html>`;

/** Renders GraphiQL against /graphql (same origin, so the portal's session cookie signs requests in) with the example tabs. */
const start = (tabs: unknown) => `(function () {
  var fetcher = GraphiQL.createFetcher({ url: '/graphql', headers: { 'apollo-require-preflight': 'true' } });
  var tabs = ${JSON.stringify(tabs).replace(/</g, '\\u003c')};
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, { fetcher: fetcher, defaultTabs: tabs, defaultEditorToolsVisibility: 'variables', shouldPersistHeaders: false })
  );
})();`;

/** GET /graphiql: the console, its assets, and the examples filled with the latest published period. */
export function graphiqlRoutes(app: Express, deps: RouteDeps): void {
  app.get('/graphiql', (_req, res) => {
    res.type('html').setHeader('cache-control', 'no-cache').send(PAGE);
  });
  app.get('/graphiql/assets/:name', (req, res) => {
    const file = ASSETS[req.params.name];
    if (!file) {
      res.status(404).end();
      return;
    }
    res.sendFile(file, { maxAge: '1d' });
  });
  app.get('/graphiql/start.js', async (_req, res) => {
    // Example variables: the latest period with published results (else the latest period) and Sơn Tây.
    const [row] = await deps.orm.em.execute<{ period_id: number | null; unit_id: number | null }[]>(
      `select (select p.id from period p order by exists (select 1 from period_publication pp where pp.period_id = p.id) desc, p.year desc, p.id desc limit 1) as period_id,
              (select id from unit where code = 'SONTAY') as unit_id`,
    );
    res
      .type('application/javascript')
      .setHeader('cache-control', 'no-cache')
      .send(start(exampleTabs(row?.period_id ?? null, row?.unit_id ?? null)));
  });
}
