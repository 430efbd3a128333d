import cluster, { type Worker } from 'node:cluster';
import { AggregatorRegistry, type MetricObjectWithValues, type MetricValue } from 'prom-client';
import { metricsRegistry } from './metrics.ts';

/**
 * `/metrics` when API_PROCESSES > 1: a scrape reaches whichever worker the connection landed on, and must still see
 * the whole server. That worker asks the supervising process, which collects every worker's metrics and its own
 * (the background jobs run there) and sums them with prom-client's aggregation. Messages go over node:cluster's IPC.
 */
type MetricsJson = MetricObjectWithValues<MetricValue<string>>[];
type Message =
  | { type: 'par:metrics-ask'; id: number }
  | { type: 'par:metrics-answer'; id: number; text?: string; error?: string }
  | { type: 'par:metrics-collect'; id: number }
  | { type: 'par:metrics-collected'; id: number; metrics?: MetricsJson };

/** A worker that does not answer within this is left out of the scrape rather than holding it. */
const COLLECT_TIMEOUT_MS = 3_000;
let lastId = 0;
const isMessage = (message: unknown): message is Message =>
  typeof message === 'object' && message !== null && String((message as { type?: unknown }).type).startsWith('par:metrics-');

/** This server's metrics in Prometheus text: this process's, or in a worker the whole cluster's (asked of the primary). */
export async function serverMetricsText(): Promise<string> {
  if (!cluster.isWorker) return metricsRegistry.metrics();
  const id = ++lastId;
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => finish({ type: 'par:metrics-answer', id, error: 'the supervising process did not answer' }),
      2 * COLLECT_TIMEOUT_MS,
    );
    const onMessage = (message: unknown) => {
      if (isMessage(message) && message.type === 'par:metrics-answer' && message.id === id) finish(message);
    };
    const finish = (answer: Extract<Message, { type: 'par:metrics-answer' }>) => {
      clearTimeout(timer);
      process.off('message', onMessage);
      if (answer.text !== undefined) resolve(answer.text);
      else reject(new Error(`cluster metrics: ${answer.error}`));
    };
    process.on('message', onMessage);
    process.send!({ type: 'par:metrics-ask', id } satisfies Message);
  });
}

/** In a worker: hands this process's metrics to the supervising process when it collects them. */
export function offerWorkerMetrics(): void {
  process.on('message', (message: unknown) => {
    if (!isMessage(message) || message.type !== 'par:metrics-collect') return;
    void metricsRegistry.getMetricsAsJSON().then(
      (metrics) => process.send?.({ type: 'par:metrics-collected', id: message.id, metrics } satisfies Message),
      () => process.send?.({ type: 'par:metrics-collected', id: message.id } satisfies Message),
    );
  });
}

/** In the supervising process: answers the workers' `par:metrics-ask` with the sum of every process's metrics. */
export function answerWorkersMetrics(): void {
  cluster.on('message', (asker: Worker, message: unknown) => {
    if (!isMessage(message) || message.type !== 'par:metrics-ask') return;
    void collect().then(
      (text) => asker.send({ type: 'par:metrics-answer', id: message.id, text } satisfies Message),
      (error: unknown) => asker.send({ type: 'par:metrics-answer', id: message.id, error: String(error) } satisfies Message),
    );
  });
}

async function collect(): Promise<string> {
  const workers = Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => worker?.isConnected() === true);
  const id = ++lastId;
  const answers = await Promise.all(
    workers.map(
      (worker) =>
        new Promise<MetricsJson | undefined>((resolve) => {
          const timer = setTimeout(() => done(undefined), COLLECT_TIMEOUT_MS);
          const onMessage = (message: unknown) => {
            if (isMessage(message) && message.type === 'par:metrics-collected' && message.id === id) done(message.metrics);
          };
          const done = (metrics: MetricsJson | undefined) => {
            clearTimeout(timer);
            worker.off('message', onMessage);
            resolve(metrics);
          };
          worker.on('message', onMessage);
          worker.send({ type: 'par:metrics-collect', id } satisfies Message);
        }),
    ),
  );
  const all = [await metricsRegistry.getMetricsAsJSON(), ...answers.filter((metrics) => metrics !== undefined)];
  return AggregatorRegistry.aggregate(all).metrics();
}
