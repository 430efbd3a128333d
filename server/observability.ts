import { timingSafeEqual } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Express, Request, RequestHandler } from 'express';
import { sendError } from './access/index.ts';
import type { AppConfig } from './shared/config.ts';
import { AppError, forbidden, unauthenticated } from './shared/errors.ts';
import { localeFromHeader, runWithLocale } from './shared/i18n.ts';
import { requestFacts } from './shared/log.ts';
import { serverMetricsText } from './shared/cluster-metrics.ts';
import {
  countError,
  graphqlDuration,
  graphqlOperations,
  httpDuration,
  httpRequests,
  metricsRegistry,
  observePool,
  type PoolStats,
} from './shared/metrics.ts';

/** Operation names are chosen by clients (analysts write their own): past this many distinct ones, the rest count as `other`. */
const MAX_OPERATION_NAMES = 300;
const seenOperations = new Set<string>();

/** A metric label for a client's operation name: a plain GraphQL name, `anonymous` without one, `other` past the cap. */
function operationLabel(name: string | null | undefined): string {
  if (!name || !/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name)) return 'anonymous';
  if (seenOperations.has(name)) return name;
  if (seenOperations.size >= MAX_OPERATION_NAMES) return 'other';
  seenOperations.add(name);
  return name;
}

/**
 * Apollo plugin: the operation's name and type go on the request's log line, and its count, duration and error codes
 * into the metrics. A document that does not parse or validate counts under the name the client gave, type `unknown`.
 */
export const operationObservability: ApolloServerPlugin<{ req?: Request }> = {
  async requestDidStart({ request, contextValue }) {
    const started = process.hrtime.bigint();
    let operation = operationLabel(request.operationName);
    let type = 'unknown';
    return {
      async didResolveOperation({ operationName, operation: document }) {
        operation = operationLabel(operationName);
        type = document?.operation ?? 'unknown';
      },
      async willSendResponse({ response }) {
        const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
        const codes = errors.map((error) => String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
        countOperation(contextValue.req, { operation, type, codes, started });
      },
    };
  },
};

/**
 * An answered operation in the metrics (count, duration, error codes) and on the request's log line; `operation` is
 * already a label (see operationLabel). Also for answers that never reach Apollo's pipeline (the response cache).
 */
export function countOperation(
  req: Request | undefined,
  answer: { operation: string; type: string; codes: string[]; started: bigint },
): void {
  const { operation, type, codes } = answer;
  for (const code of codes) countError(code, 'graphql');
  graphqlOperations.inc({ operation, type, outcome: codes.length ? 'error' : 'ok' });
  graphqlDuration.observe({ operation, type }, Number(process.hrtime.bigint() - answer.started) / 1e9);
  if (req) Object.assign(requestFacts(req), { operation, operationType: type, errorCodes: codes.length ? codes : undefined });
}

/** The route a request matched, as its pattern (`/api/evidence/files/:id`), so paths with ids do not each make a series. */
function routeOf(req: Request): string {
  const route = (req as Request & { route?: { path?: unknown } }).route;
  if (route && typeof route.path === 'string') return `${req.baseUrl}${route.path}`;
  if (req.baseUrl) return req.baseUrl;
  return 'unmatched';
}

let inFlight = 0;
/** Requests received and not yet answered (or abandoned): what a stopping server waits for. */
export const requestsInFlight = () => inFlight;

/** Counts and times every HTTP answer by method, route pattern and status. */
export const requestMetrics: RequestHandler = (req, res, next) => {
  const started = process.hrtime.bigint();
  inFlight += 1;
  res.once('close', () => (inFlight -= 1));
  res.once('finish', () => {
    const route = routeOf(req);
    httpRequests.inc({ method: req.method, route, status: String(res.statusCode) });
    httpDuration.observe({ method: req.method, route }, Number(process.hrtime.bigint() - started) / 1e9);
  });
  next();
};

/** The ORM's connection pools (tarn, behind knex) in `/metrics`: the primary's, and the read replica's if any, until the returned function is called. */
export function observeOrmPool(orm: MikroORM): () => void {
  const stops = [observePool(poolStatsOf(orm, 'write'), 'primary')];
  if (orm.config.get('replicas')?.length) stops.push(observePool(poolStatsOf(orm, 'read'), 'replica'));
  return () => stops.forEach((stop) => stop());
}

function poolStatsOf(orm: MikroORM, type: 'write' | 'read'): () => PoolStats | null {
  const knex = orm.em.getDriver().getConnection(type).getKnex() as unknown as {
    client?: {
      pool?: {
        numUsed(): number;
        numFree(): number;
        numPendingAcquires(): number;
        numPendingCreates(): number;
        max: number;
      } | null;
    };
  };
  return () => {
    const pool = knex.client?.pool;
    if (!pool) return null;
    return {
      used: pool.numUsed(),
      free: pool.numFree(),
      pendingAcquires: pool.numPendingAcquires(),
      pendingCreates: pool.numPendingCreates(),
      max: pool.max,
    };
  };
}

const METRICS_LOCAL_ONLY = new AppError(
  'FORBIDDEN',
  {
    vi: '/metrics chỉ trả lời trên giao diện loopback của máy chủ, trừ khi đặt METRICS_TOKEN.',
    en: '/metrics answers only on the loopback interface unless METRICS_TOKEN is set.',
  },
  { http: { status: 403 } },
);

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * `/metrics` in Prometheus text format. With `METRICS_TOKEN` set, only a request bearing it (`Authorization: Bearer …`)
 * is answered, from anywhere; without, only requests made on the loopback interface that no proxy forwarded (a proxy
 * on the same machine would otherwise make every outside request look local). Others get 403 (401 without a token).
 */
export function metricsRoute(app: Express, config: Pick<AppConfig, 'metricsToken'>): void {
  app.get('/metrics', (req, res) =>
    runWithLocale(localeFromHeader(req.headers['accept-language']), async () => {
      const header = req.headers.authorization;
      const bearer = header?.startsWith('Bearer ') ? header.slice(7).trim() : null;
      if (config.metricsToken) {
        if (!bearer) return sendError(res.set('www-authenticate', 'Bearer'), unauthenticated());
        if (!sameSecret(bearer, config.metricsToken)) return sendError(res, forbidden());
      } else if (!LOOPBACK.has(req.socket.remoteAddress ?? '') || req.headers['x-forwarded-for'] || req.headers.forwarded) {
        return sendError(res, METRICS_LOCAL_ONLY);
      }
      res
        .set('content-type', metricsRegistry.contentType)
        .set('cache-control', 'no-store')
        .send(await serverMetricsText());
    }),
  );
}
