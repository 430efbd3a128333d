import { Worker } from 'node:worker_threads';
import { outcome, type ReadOutcome } from './document-text.ts';
import { ReadingStatus } from './reading-status.ts';
import type { ReadRequest } from './reading.worker.ts';

/** How much a reader may use; a read that goes past a limit ends with TIMED_OUT or TOO_LARGE. */
export interface ReaderLimits {
  /** Reads at once (each in its own thread). */
  threads: number;
  timeoutMs: number;
  /** The V8 heap of a reader thread. */
  heapMb: number;
  /** Memory the process may grow by while reads run (file buffers live outside the V8 heap). */
  growthMb: number;
}

export const DEFAULT_READER_LIMITS: ReaderLimits = { threads: 1, timeoutMs: 30_000, heapMb: 256, growthMb: 768 };

// Worker threads start without the parent's loader hooks: the SWC hook compiles the TypeScript entry.
const WORKER = new URL('./reading.worker.ts', import.meta.url);
const REGISTER = new URL('../register.js', import.meta.url);
const WATCH_MS = 100;

interface Job {
  request: Omit<ReadRequest, 'id'>;
  resolve: (outcome: ReadOutcome) => void;
}

interface Slot {
  worker: Worker;
  finish: ((outcome: ReadOutcome) => void) | null;
}

/**
 * Reads documents in worker threads, never on the event loop that serves requests: at most
 * `threads` at once (the rest wait in a queue), each stopped when it runs past its time or makes
 * the process grow past its memory allowance. A stopped thread is replaced on the next read.
 */
export class DocumentReader {
  private readonly queue: Job[] = [];
  private readonly slots = new Set<Slot>();
  private readonly idle: Slot[] = [];
  private nextId = 1;
  private watcher: NodeJS.Timeout | null = null;
  private baselineRss = 0;

  constructor(readonly limits: ReaderLimits = DEFAULT_READER_LIMITS) {}

  /** Reads the file at `path` (its type detected at upload), signatures checked against `roots` (PEM); always resolves, with a status. */
  read(path: string, mime: string, roots: string[] = []): Promise<ReadOutcome> {
    return new Promise((resolve) => {
      this.queue.push({ request: { path, mime, roots }, resolve });
      this.pump();
    });
  }

  /** Reads waiting or running. */
  get pending(): number {
    return this.queue.length + [...this.slots].filter((slot) => slot.finish).length;
  }

  /** Stops every thread (reads in progress end as TIMED_OUT). */
  async close(): Promise<void> {
    const slots = [...this.slots];
    for (const slot of slots) this.retire(slot, outcome(ReadingStatus.TIMED_OUT, 'reader closed'));
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  private pump(): void {
    while (this.queue.length) {
      const slot = this.idle.pop() ?? (this.slots.size < this.limits.threads ? this.spawn() : null);
      if (!slot) return;
      this.run(slot, this.queue.shift()!);
    }
  }

  private spawn(): Slot {
    const worker = new Worker(WORKER, {
      execArgv: ['--import', REGISTER.href],
      resourceLimits: { maxOldGenerationSizeMb: this.limits.heapMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
    });
    const slot: Slot = { worker, finish: null };
    worker.unref();
    worker.on('message', (message: { id: number; outcome: ReadOutcome }) => slot.finish?.(message.outcome));
    worker.on('error', (error: Error & { code?: string }) =>
      this.retire(
        slot,
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? outcome(ReadingStatus.TOO_LARGE, 'reader ran out of memory')
          : outcome(ReadingStatus.MALFORMED, error.message),
      ),
    );
    worker.on('exit', () => this.retire(slot, outcome(ReadingStatus.MALFORMED, 'reader stopped')));
    this.slots.add(slot);
    return slot;
  }

  private run(slot: Slot, job: Job): void {
    const timer = setTimeout(() => {
      this.retire(slot, outcome(ReadingStatus.TIMED_OUT, `no answer within ${this.limits.timeoutMs} ms`));
    }, this.limits.timeoutMs);
    slot.finish = (outcome) => {
      clearTimeout(timer);
      slot.finish = null;
      job.resolve(outcome);
      if (this.slots.has(slot)) this.idle.push(slot);
      this.stopWatchingWhenIdle();
      this.pump();
    };
    this.watchMemory();
    slot.worker.postMessage({ ...job.request, id: this.nextId++ } satisfies ReadRequest);
  }

  /** Ends a slot's read with `outcome` and discards its thread. */
  private retire(slot: Slot, outcome: ReadOutcome): void {
    if (!this.slots.delete(slot)) return;
    const index = this.idle.indexOf(slot);
    if (index >= 0) this.idle.splice(index, 1);
    void slot.worker.terminate();
    if (slot.finish) slot.finish(outcome);
    else this.pump();
  }

  /** While reads run, the process's resident memory is compared with what it was when they began. */
  private watchMemory(): void {
    if (this.watcher) return;
    this.baselineRss = process.memoryUsage.rss();
    this.watcher = setInterval(() => {
      if (process.memoryUsage.rss() - this.baselineRss <= this.limits.growthMb * 1024 * 1024) return;
      for (const slot of [...this.slots]) {
        if (slot.finish) this.retire(slot, outcome(ReadingStatus.TOO_LARGE, `process grew past ${this.limits.growthMb} MB while reading`));
      }
    }, WATCH_MS);
    this.watcher.unref();
  }

  private stopWatchingWhenIdle(): void {
    if (this.watcher && ![...this.slots].some((slot) => slot.finish)) {
      clearInterval(this.watcher);
      this.watcher = null;
    }
  }
}
