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

/** One of our counters, in our registry. */
const counter = <L extends string>(name: string, help: string, labelNames: readonly L[] = []) =>
  new Counter<L>({ name, help, labelNames, registers });

/** One of our histograms, in our registry; of durations unless other buckets are given. */
const histogram = <L extends string>(name: string, help: string, labelNames: readonly L[], buckets = DURATION_BUCKETS) =>
  new Histogram<L>({ name, help, labelNames, buckets, registers });

export const httpRequests = counter(
  'par_http_requests_total',
  'HTTP requests answered, by method, route (the pattern, not the path) and status',
  ['method', 'route', 'status'],
);
export const httpDuration = histogram(
  'par_http_request_duration_seconds',
  'Time from a request received to its answer sent, by method and route',
  ['method', 'route'],
);
export const graphqlOperations = counter(
  'par_graphql_operations_total',
  'GraphQL operations answered, by operation name, type and outcome (ok, or error when any error was answered)',
  ['operation', 'type', 'outcome'],
);
export const graphqlDuration = histogram(
  'par_graphql_operation_duration_seconds',
  'Time from a GraphQL operation received to its answer, by operation name and type',
  ['operation', 'type'],
);
export const responseCacheLookups = counter(
  'par_graphql_response_cache_total',
  'Queries looked up in the response cache: first (seen for the first time), hit (answered from memory) or miss',
  ['outcome'],
);
export const errorsAnswered = counter(
  'par_errors_total',
  'Errors answered to clients, by stable error code and where (graphql or http, the plain routes)',
  ['code', 'source'],
);
export const uploadBytes = counter(
  'par_upload_bytes_total',
  'Bytes of uploaded files received whole (files refused while streaming are not counted)',
);
export const uploads = counter('par_uploads_total', 'Uploads by outcome: received, or refused (too large, empty, malformed, client gone)', [
  'outcome',
]);
export const jobRuns = counter('par_job_runs_total', 'Runs of background jobs, by job and outcome (ok or failed)', ['job', 'outcome']);
export const jobDuration = histogram(
  'par_job_duration_seconds',
  'How long one run of a background job took',
  ['job'],
  [0.01, 0.1, 1, 10, 60, 300],
);

/** A connection pool as `/metrics` shows it (tarn, behind knex, behind MikroORM). */
export interface PoolStats {
  used: number;
  free: number;
  pendingAcquires: number;
  pendingCreates: number;
  max: number;
}
/** Which database a pool connects to: the primary (DATABASE_URL) or the read replica (DATABASE_READ_URL). */
export type PoolConnection = 'primary' | 'replica';
const pools = new Map<() => PoolStats | null, PoolConnection>();
const poolTotals = (connection: PoolConnection) => {
  const totals: PoolStats = { used: 0, free: 0, pendingAcquires: 0, pendingCreates: 0, max: 0 };
  for (const [read, of] of pools) {
    const stats = of === connection ? read() : null;
    if (stats) for (const stat of Object.keys(totals) as (keyof PoolStats)[]) totals[stat] += stats[stat];
  }
  return totals;
};
const connectionsObserved = () => new Set(pools.values());

new Gauge({
  name: 'par_db_pool_connections',
  help: 'Database pool connections by state: used (lent to a request), free (open, idle), pending (requests waiting for one, connections being opened); by database (primary, replica)',
  labelNames: ['state', 'connection'] as const,
  registers,
  collect() {
    this.reset();
    for (const connection of connectionsObserved()) {
      const totals = poolTotals(connection);
      this.set({ state: 'used', connection }, totals.used);
      this.set({ state: 'free', connection }, totals.free);
      this.set({ state: 'pending_acquire', connection }, totals.pendingAcquires);
      this.set({ state: 'pending_create', connection }, totals.pendingCreates);
    }
  },
});
new Gauge({
  name: 'par_db_pool_max',
  help: 'Most connections the database pool opens, by database (primary, replica)',
  labelNames: ['connection'] as const,
  registers,
  collect() {
    this.reset();
    for (const connection of connectionsObserved()) this.set({ connection }, poolTotals(connection).max);
  },
});

/** Shows a pool in `/metrics` until the returned function is called (when its ORM closes). */
export function observePool(read: () => PoolStats | null, connection: PoolConnection = 'primary'): () => void {
  pools.set(read, connection);
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
