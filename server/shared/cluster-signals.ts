import type { MikroORM } from '@mikro-orm/postgresql';
import type pg from 'pg';
import { log } from './log.ts';

/**
 * Cache evictions shared by every API process on one database, through PostgreSQL's LISTEN/NOTIFY
 * (no other service to run). A process that evicts something locally also signals it; every process,
 * itself included, hears the signal and evicts the same. A NOTIFY sent inside a transaction is delivered
 * at its commit, never before. While the listening connection is down, a process may have missed
 * signals: `live` is false (callers then trust no cached entry) and on reconnecting every `onResync`
 * handler runs.
 */

/** NOTIFY is scoped to one database, so every copy of the app on that database, and only those, hear each other. */
const CHANNEL = 'par_index_cache';
const RETRY_MS = { first: 500, max: 15_000 };

export type Signal = { kind: 'session'; tokenHash: string } | { kind: 'user'; userId: number } | { kind: 'abilities' };
type Handler<K extends Signal['kind']> = (signal: Extract<Signal, { kind: K }>) => void;

export class ClusterSignals {
  private client: pg.Client | null = null;
  private readonly handlers = new Map<Signal['kind'], ((signal: Signal) => void)[]>();
  private readonly resyncs: (() => void)[] = [];
  private stopped = false;
  private retryMs = RETRY_MS.first;
  private retryTimer: NodeJS.Timeout | null = null;

  constructor(private readonly orm: MikroORM) {}

  /** True while signals from other processes arrive; until then and after a break, nothing cached may be trusted. */
  get live(): boolean {
    return this.client !== null;
  }

  on<K extends Signal['kind']>(kind: K, handler: Handler<K>): void {
    this.handlers.set(kind, [...(this.handlers.get(kind) ?? []), handler as (signal: Signal) => void]);
  }

  /** Runs after a break in listening (signals may have been lost): drop every cached entry. */
  onResync(handler: () => void): void {
    this.resyncs.push(handler);
  }

  /** Tells every process (this one too). Failing to signal is logged: the caller's own write has happened. */
  async send(signal: Signal): Promise<void> {
    await this.orm.em
      .getConnection()
      .execute('select pg_notify(?, ?)', [CHANNEL, JSON.stringify(signal)])
      .catch((error: unknown) => log.error({ err: error, signal }, 'cluster signal not sent'));
  }

  /** Starts listening; resolves once listening or after the first failed attempt (it keeps retrying). */
  async start(): Promise<void> {
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    // A connection of its own, outside the pool: it stays in LISTEN for the life of the process.
    const knex = this.orm.em.getConnection().getKnex() as unknown as { client: { acquireRawConnection(): Promise<pg.Client> } };
    let client: pg.Client;
    try {
      client = await knex.client.acquireRawConnection();
      client.on('error', () => this.lost(client));
      client.on('end', () => this.lost(client));
      client.on('notification', (message) => this.deliver(message.payload));
      await client.query(`listen ${CHANNEL}`);
    } catch (error) {
      log.warn({ err: error }, 'cluster signals: cannot listen, retrying');
      this.retry();
      return;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    const wasBroken = this.retryMs !== RETRY_MS.first;
    this.client = client;
    this.retryMs = RETRY_MS.first;
    if (wasBroken) for (const resync of this.resyncs) resync();
  }

  private lost(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = null;
    for (const resync of this.resyncs) resync();
    if (!this.stopped) {
      log.warn('cluster signals: listening connection lost, reconnecting');
      this.retry();
    }
  }

  private retry(): void {
    if (this.stopped) return;
    const wait = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, RETRY_MS.max);
    this.retryTimer = setTimeout(() => void this.connect(), wait);
    this.retryTimer.unref();
  }

  private deliver(payload: string | undefined): void {
    let signal: Signal;
    try {
      signal = JSON.parse(payload ?? '') as Signal;
    } catch {
      return; // not ours
    }
    for (const handler of this.handlers.get(signal.kind) ?? []) handler(signal);
  }
}
