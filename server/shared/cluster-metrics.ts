import cluster, { type Worker } from 'node:cluster';
import { AggregatorRegistry, type MetricObjectWithValues, type MetricValue } from 'prom-client';
import { isIpcMessage, nextMessage } from './ipc.ts';
import { metricsRegistry } from './metrics.ts';

/**
 * `/metrics` when API_PROCESSES > 1: a scrape reaches whichever worker the connection landed on, and must still see
 * the whole server. That worker asks the supervising process, which collects every worker's metrics and its own
 * (the background jobs run there) and sums them with prom-client's aggregation. Messages go over node:cluster's IPC.
 */
type MetricsJson = MetricObjectWithValues<MetricValue<string>>[];
interface Ask {
  type: 'par:metrics-ask';
  id: number;
}
interface Answer {
  type: 'par:metrics-answer';
  id: number;
  text?: string;
  error?: string;
}
interface Collect {
  type: 'par:metrics-collect';
  id: number;
}
interface Collected {
  type: 'par:metrics-collected';
  id: number;
  metrics?: MetricsJson;
}

/** A worker that does not answer within this is left out of the scrape rather than holding it. */
const COLLECT_TIMEOUT_MS = 3_000;
let lastId = 0;

/** This server's metrics in Prometheus text: this process's, or in a worker the whole cluster's (asked of the primary). */
export async function serverMetricsText(): Promise<string> {
  if (!cluster.isWorker) return metricsRegistry.metrics();
  const id = ++lastId;
  const answer = nextMessage<Answer>(process, 'par:metrics-answer', { id, timeoutMs: 2 * COLLECT_TIMEOUT_MS });
  process.send!({ type: 'par:metrics-ask', id } satisfies Ask);
  const { text, error = 'the supervising process did not answer' } = (await answer) ?? {};
  if (text === undefined) throw new Error(`cluster metrics: ${error}`);
  return text;
}

/** In a worker: hands this process's metrics to the supervising process when it collects them. */
export function offerWorkerMetrics(): void {
  process.on('message', (message: unknown) => {
    if (!isIpcMessage<Collect>(message, 'par:metrics-collect')) return;
    void metricsRegistry.getMetricsAsJSON().then(
      (metrics) => process.send?.({ type: 'par:metrics-collected', id: message.id, metrics } satisfies Collected),
      () => process.send?.({ type: 'par:metrics-collected', id: message.id } satisfies Collected),
    );
  });
}

/** In the supervising process: answers the workers' `par:metrics-ask` with the sum of every process's metrics. */
export function answerWorkersMetrics(): void {
  cluster.on('message', (asker: Worker, message: unknown) => {
    if (!isIpcMessage<Ask>(message, 'par:metrics-ask')) return;
    void collect().then(
      (text) => asker.send({ type: 'par:metrics-answer', id: message.id, text } satisfies Answer),
      (error: unknown) => asker.send({ type: 'par:metrics-answer', id: message.id, error: String(error) } satisfies Answer),
    );
  });
}

async function collect(): Promise<string> {
  const workers = Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => worker?.isConnected() === true);
  const id = ++lastId;
  const answers = await Promise.all(
    workers.map(async (worker) => {
      const collected = nextMessage<Collected>(worker, 'par:metrics-collected', { id, timeoutMs: COLLECT_TIMEOUT_MS });
      worker.send({ type: 'par:metrics-collect', id } satisfies Collect);
      return (await collected)?.metrics;
    }),
  );
  const all = [await metricsRegistry.getMetricsAsJSON(), ...answers.filter((metrics) => metrics !== undefined)];
  return AggregatorRegistry.aggregate(all).metrics();
}
