import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The process's Prometheus metrics (prom-client), served at `/metrics` (see server/observability.ts). Node's own
 * (CPU, memory, event loop lag, GC) come from prom-client's defaults; ours are prefixed `par_`.
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

const registers = [metricsRegistry];
/** Seconds: from a fast cached read to a slow export or upload. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export const httpRequests = new Counter({
  name: 'par_http_requests_total',
  help: 'HTTP requests answered, by method, route (the pattern, not the path) and status',
  labelNames: ['method', 'route', 'status'] as const,
  registers,
});
export const httpDuration = new Histogram({
  name: 'par_http_request_duration_seconds',
  help: 'Time from a request received to its answer sent, by method and route',
  labelNames: ['method', 'route'] as const,
  buckets: DURATION_BUCKETS,
  registers,
});
export const graphqlOperations = new Counter({
  name: 'par_graphql_operations_total',
  help: 'GraphQL operations answered, by operation name, type and outcome (ok, or error when any error was answered)',
  labelNames: ['operation', 'type', 'outcome'] as const,
  registers,
});
export const graphqlDuration = new Histogram({
  name: 'par_graphql_operation_duration_seconds',
  help: 'Time from a GraphQL operation received to its answer, by operation name and type',
  labelNames: ['operation', 'type'] as const,
  buckets: DURATION_BUCKETS,
  registers,
});
export const responseCacheLookups = new Counter({
  name: 'par_graphql_response_cache_total',
  help: 'Queries looked up in the response cache: first (seen for the first time), hit (answered from memory) or miss',
  labelNames: ['outcome'] as const,
  registers,
});
export const errorsAnswered = new Counter({
  name: 'par_errors_total',
  help: 'Errors answered to clients, by stable error code and where (graphql or http, the plain routes)',
  labelNames: ['code', 'source'] as const,
  registers,
});
export const uploadBytes = new Counter({
  name: 'par_upload_bytes_total',
  help: 'Bytes of uploaded files received whole (files refused while streaming are not counted)',
  registers,
});
export const uploads = new Counter({
  name: 'par_uploads_total',
  help: 'Uploads by outcome: received, or refused (too large, empty, malformed, client gone)',
  labelNames: ['outcome'] as const,
  registers,
});
export const jobRuns = new Counter({
  name: 'par_job_runs_total',
  help: 'Runs of background jobs, by job and outcome (ok or failed)',
  labelNames: ['job', 'outcome'] as const,
  registers,
});
export const jobDuration = new Histogram({
  name: 'par_job_duration_seconds',
  help: 'How long one run of a background job took',
  labelNames: ['job'] as const,
  buckets: [0.01, 0.1, 1, 10, 60, 300],
  registers,
});

/** A connection pool as `/metrics` shows it (tarn, behind knex, behind MikroORM). */
export interface PoolStats {
  used: number;
  free: number;
  pendingAcquires: number;
  pendingCreates: number;
  max: number;
}
const pools = new Set<() => PoolStats | null>();
const poolTotal = (stat: keyof PoolStats) => [...pools].reduce((sum, read) => sum + (read()?.[stat] ?? 0), 0);

new Gauge({
  name: 'par_db_pool_connections',
  help: 'Database pool connections by state: used (lent to a request), free (open, idle), pending (requests waiting for one, connections being opened)',
  labelNames: ['state'] as const,
  registers,
  collect() {
    this.set({ state: 'used' }, poolTotal('used'));
    this.set({ state: 'free' }, poolTotal('free'));
    this.set({ state: 'pending_acquire' }, poolTotal('pendingAcquires'));
    this.set({ state: 'pending_create' }, poolTotal('pendingCreates'));
  },
});
new Gauge({
  name: 'par_db_pool_max',
  help: 'Most connections the database pool opens',
  registers,
  collect() {
    this.set(poolTotal('max'));
  },
});

/** Shows a pool in `/metrics` until the returned function is called (when its ORM closes). */
export function observePool(read: () => PoolStats | null): () => void {
  pools.add(read);
  return () => pools.delete(read);
}

const queues = new Map<string, () => number>();
new Gauge({
  name: 'par_job_queue_depth',
  help: 'Work waiting or running in a background queue, by queue (document-reading: evidence files being read or waiting for a thread)',
  labelNames: ['queue'] as const,
  registers,
  collect() {
    this.reset();
    for (const [queue, depth] of queues) this.set({ queue }, depth());
  },
});

/** Shows the depth of a work queue in `/metrics` (`par_job_queue_depth{queue=…}`). */
export function observeQueue(queue: string, depth: () => number): void {
  queues.set(queue, depth);
}

/** Counts an error answered to a client by its code. */
export function countError(code: string, source: 'graphql' | 'http'): void {
  errorsAnswered.inc({ code, source });
}
