import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import type { MikroORM } from '@mikro-orm/postgresql';
import express from 'express';
import expressStaticGzip from 'express-static-gzip';
import type { PermissionFactsLoader, PermissionRules } from './access/index.ts';
import { AbilityCache } from './access/index.ts';
import { tokenFromRequest } from './access/index.ts';
import { SessionService } from './auth/index.ts';
import { serverModules } from './modules.ts';
import { ClusterSignals } from './shared/cluster-signals.ts';
import type { AppConfig } from './shared/config.ts';
import { createRequestContext, type AppContext } from './access/index.ts';
import type { RouteDeps } from './access/index.ts';
import { httpErrorHandler } from './access/index.ts';
import { formatError } from './shared/errors.ts';
import { localeFromHeader, runWithLocale } from './shared/i18n.ts';
import { buildAppSchema } from './schema.ts';
import { queryLimits, tokenLimitError } from './query-limits.ts';
import { ResponseCache } from './response-cache.ts';
import { healthRoutes } from './health.ts';
import { sameOriginForCookies, securityHeaders } from './security.ts';
import { cleanInputText } from './input-text.ts';
import { httpLogger, log, requestFacts, type Logger } from './shared/log.ts';
import { settleUploads } from './shared/upload.ts';
import { metricsRoute, observeOrmPool, operationObservability, requestMetrics } from './observability.ts';

/** Hashed build output (assets/name-HASH.js) never changes; anything else (index.html, icons) is revalidated. */
function portalCacheControl(portalDir: string, file: string): string {
  const relative = path.relative(portalDir, file);
  return relative.startsWith(`assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

export interface App {
  server: http.Server;
  sessions: SessionService;
  close(): Promise<void>;
}

/**
 * Express app: `/graphql` (Apollo), `/healthz`, `/readyz`, `/metrics`, and the built portal at `/`. Call `server.listen`
 * yourself. Every request is logged through `logger` (the process's by default) with its id.
 */
export async function createApp(orm: MikroORM, config: AppConfig, portalDir?: string, options: { logger?: Logger } = {}): Promise<App> {
  const app = express();
  app.disable('x-powered-by');
  // Behind a reverse proxy the client is in X-Forwarded-For (for sign-in throttling and logs), but only when configured.
  app.set('trust proxy', config.trustProxy);
  app.use(httpLogger(options.logger ?? log));
  app.use(requestMetrics);
  app.use(securityHeaders(config.production));
  const server = http.createServer(app);
  // Several API processes on one database act as one: each tells the others what to evict from its caches.
  const signals = new ClusterSignals(orm);
  await signals.start();
  const sessions = new SessionService(orm, config.sessionTtlHours, signals);
  const rules = serverModules.flatMap((module) => (module.permissions ? [module.permissions] : [])) as PermissionRules[];
  const factLoaders = serverModules.flatMap((module) =>
    module.permissionFacts ? [module.permissionFacts] : [],
  ) as PermissionFactsLoader[];
  // Abilities depend on the user (and the facts modules load for them); reused across requests.
  const abilities = new AbilityCache(orm, rules, factLoaders, signals);

  const authenticate: RouteDeps['authenticate'] = async (req) => {
    const token = tokenFromRequest(req);
    const user = token ? await sessions.authenticate(token) : null;
    requestFacts(req).userId = user?.id;
    // A password someone else chose must be replaced first: until then the user may do nothing else.
    return { user, ability: await abilities.for(user?.mustChangePassword ? null : user) };
  };
  const routeDeps: RouteDeps = { orm, config, sessions, authenticate, abilities };

  const responseCache = new ResponseCache(orm, config.responseCacheMs);
  const schema = await buildAppSchema();
  const limits = queryLimits(schema);
  const apollo = new ApolloServer<AppContext>({
    schema,
    // A document past the token limit fails graphql-js's parse; it answers as the other query limits do.
    formatError: (formatted, raw) =>
      formatError(formatted, formatted.extensions?.code === 'GRAPHQL_PARSE_FAILED' ? (tokenLimitError(formatted.message) ?? raw) : raw),
    introspection: true,
    // main.ts owns SIGTERM/SIGINT (drain, jobs, pool, database). Apollo's own handler (on outside NODE_ENV=test)
    // would stop it and send the signal again, turning one SIGTERM into "exit now" with requests in flight.
    stopOnTerminationSignals: false,
    parseOptions: limits.parseOptions,
    validationRules: limits.validationRules,
    allowBatchedHttpRequests: limits.allowBatchedHttpRequests,
    includeStacktraceInErrorResponses: limits.includeStacktraceInErrorResponses,
    // Compact JSON (Apollo pretty-prints by default) and no per-field cache-control wrapper:
    // both cost time on every field of large trees and neither is used here.
    stringifyResult: responseCache.stringify,
    plugins: [
      // Stopping (SIGTERM): no new connections; requests in flight, uploads included, get this long to finish.
      ApolloServerPluginDrainHttpServer({ httpServer: server, stopGracePeriodMillis: config.shutdownTimeoutMs }),
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginLandingPageDisabled(),
      ...limits.plugins,
      cleanInputText,
      operationObservability,
      responseCache.plugin(),
    ],
  });
  await apollo.start();

  healthRoutes(app, orm);
  metricsRoute(app, config);
  const stopObservingPool = observeOrmPool(orm);

  // A browser opening the API's address gets the local GraphiQL (Apollo's landing page loads from a CDN).
  app.get('/graphql', (req, res, next) => (req.accepts(['json', 'html']) === 'html' ? res.redirect(303, '/graphiql') : next()));
  app.use(
    '/graphql',
    (req, _res, next) => runWithLocale(localeFromHeader(req.headers['accept-language']), next),
    express.json({ limit: '1mb' }),
    responseCache.middleware(authenticate),
    expressMiddleware(apollo, {
      context: ({ req, res }) => createRequestContext(routeDeps, req, res),
    }),
  );

  app.use('/api', sameOriginForCookies);
  for (const module of serverModules) module.routes?.(app, routeDeps);

  if (portalDir && fs.existsSync(path.join(portalDir, 'index.html'))) {
    // The build wrote each asset also brotli- and gzip-compressed beside it: the browser gets the smallest it accepts.
    // Files under assets/ carry a hash of their content in their name, so they never change: cached for a year.
    app.use(
      expressStaticGzip(portalDir, {
        index: false,
        enableBrotli: true,
        orderPreference: ['br', 'gzip'],
        serveStatic: { setHeaders: (res, file) => res.setHeader('cache-control', portalCacheControl(portalDir, file)) },
      }),
    );
    // Client-side routes: every other GET gets the portal's entry page, checked again on every visit (it names the
    // current assets).
    app.get(/^\/(?!graphql|healthz|readyz|metrics|api\/).*/, (_req, res) =>
      res.sendFile(path.join(portalDir, 'index.html'), { headers: { 'cache-control': 'no-cache' } }),
    );
  }

  // Last: whatever a route or body parser threw answers JSON with a stable code, never Express's HTML page.
  app.use(httpErrorHandler);

  return {
    server,
    sessions,
    close: async () => {
      stopObservingPool();
      await apollo.stop();
      await signals.stop();
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
      // Uploads the drain cut remove their staged files; reads started by requests end.
      await settleUploads();
      await Promise.all(serverModules.map((module) => module.settle?.()));
    },
  };
}
