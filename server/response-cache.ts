import { createHash } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Request, RequestHandler, Response } from 'express';
import { LRUCache } from 'lru-cache';
import { AUTHENTICATED, type AppAbility, type AppContext, type RouteDeps } from './access/index.ts';
import { localeFromHeader } from './shared/i18n.ts';
import { requestFacts } from './shared/log.ts';
import { responseCacheLookups } from './shared/metrics.ts';
import { countOperation } from './observability.ts';

interface Answer {
  /** PostgreSQL's snapshot read before the answer was computed: it is valid while the snapshot is the same. */
  snapshot: string;
  body: string;
  contentType: string;
  storedAt: number;
  /** Its metric label, as the first answer counted it. */
  operation: string;
}

/** A request that may store its answer: `stringify` fills in the body once the plugin has found it may be kept. */
interface Slot {
  snapshot: string;
  body?: string;
}

const SLOT = 'responseCacheSlot';
const abilityIds = new WeakMap<AppAbility, number>();
let lastAbilityId = 0;
/** Each ability object built gets its own number: a rebuilt ability (facts changed) never meets an old answer. */
function abilityId(ability: AppAbility): number {
  let id = abilityIds.get(ability);
  if (id === undefined) abilityIds.set(ability, (id = ++lastAbilityId));
  return id;
}

/**
 * Repeated GraphQL queries answered from memory while nothing in the database has changed.
 *
 * An answer is kept per request body, caller (user and ability), locale and accepted type, with PostgreSQL's
 * `pg_current_snapshot()` read before it was computed. The same request again reads the snapshot (one statement)
 * and gets the kept bytes only if it is unchanged — no transaction that writes has started or ended since, whoever
 * ran it: this process, another instance, a script — and the answer is younger than `maxAgeMs` (answers that
 * depend on the clock: a consultation opening, a deadline passing). A request seen for the first time costs
 * nothing extra; only answers without errors to queries are kept. Authentication runs first, on every request,
 * so a revoked session is refused even when its answer is kept. A client may ask for a fresh answer with
 * `Cache-Control: no-cache`.
 */
export class ResponseCache {
  private readonly answers: LRUCache<string, Answer>;
  /** Requests asked once: the second asking reads the snapshot and stores its answer. */
  private readonly seen = new LRUCache<string, true>({ max: 10_000 });
  private readonly slotsByData = new WeakMap<object, Slot>();
  /** Requests waiting for the snapshot read that starts next (see `snapshot`). */
  private waiting: { resolve: (snapshot: string) => void; reject: (error: unknown) => void }[] | null = null;

  constructor(
    private readonly orm: MikroORM,
    private readonly maxAgeMs: number,
    maxBytes = 64 * 1024 * 1024,
  ) {
    this.answers = new LRUCache({ maxSize: maxBytes, sizeCalculation: (answer, key) => answer.body.length + key.length });
  }

  get enabled(): boolean {
    return this.maxAgeMs > 0;
  }

  /** Express, after the JSON body parser of `/graphql`: answers from memory, or lets Apollo answer and keeps it. */
  middleware(authenticate: RouteDeps['authenticate']): RequestHandler {
    return (req, res, next) => {
      if (!this.enabled || !isSingleQuery(req)) return next();
      // Should authentication or the snapshot fail (the database is down), Apollo answers as it would without the cache.
      this.answer(req, res, authenticate).then(
        (answered) => answered || next(),
        () => next(),
      );
    };
  }

  private async answer(req: Request, res: Response, authenticate: RouteDeps['authenticate']): Promise<boolean> {
    const started = process.hrtime.bigint();
    const auth = await authenticate(req);
    res.locals[AUTHENTICATED] = auth;
    // Hashed: a key stays small however large the document, so remembering 10,000 of them costs little.
    const key = createHash('sha256')
      .update(
        [
          JSON.stringify(auth.user),
          abilityId(auth.ability),
          localeFromHeader(req.headers['accept-language']),
          req.headers.accept ?? '',
          JSON.stringify(req.body),
        ].join('\n'),
      )
      .digest('base64');
    const kept = this.answers.get(key);
    if (!kept && !this.seen.has(key)) {
      this.seen.set(key, true);
      responseCacheLookups.inc({ outcome: 'first' });
      return false;
    }
    const snapshot = await this.snapshot();
    if (kept && kept.snapshot === snapshot && Date.now() - kept.storedAt < this.maxAgeMs) {
      responseCacheLookups.inc({ outcome: 'hit' });
      // Counted, timed and logged as the operation it answers, so dashboards see every query.
      countOperation(req, { operation: kept.operation, type: 'query', codes: [], started });
      res.status(200).type(kept.contentType).send(kept.body);
      return true;
    }
    responseCacheLookups.inc({ outcome: 'miss' });
    const slot: Slot = { snapshot };
    res.locals[SLOT] = slot;
    res.once('finish', () => {
      const contentType = res.getHeader('content-type');
      if (slot.body === undefined || res.statusCode !== 200 || typeof contentType !== 'string') return;
      const operation = requestFacts(req).operation ?? 'anonymous';
      this.answers.set(key, { snapshot, body: slot.body, contentType, storedAt: Date.now(), operation });
    });
    return false;
  }

  /**
   * The database's current snapshot. One read serves every request that arrived before it started (each then sees
   * the database at least as new as when it arrived); a request arriving while a read is under way waits for the next.
   */
  private snapshot(): Promise<string> {
    return new Promise((resolve, reject) => {
      if (this.waiting) return void this.waiting.push({ resolve, reject });
      const waiting = (this.waiting = [{ resolve, reject }]);
      setImmediate(() => {
        this.waiting = null;
        this.orm.em
          .getConnection()
          .execute<{ snapshot: string }[]>('select pg_current_snapshot()::text as snapshot')
          .then(
            ([row]) => waiting.forEach((request) => request.resolve(row!.snapshot)),
            (error: unknown) => waiting.forEach((request) => request.reject(error)),
          );
      });
    });
  }

  /** Apollo plugin: a query answered without errors may be kept (under the request's slot). */
  plugin(): ApolloServerPlugin<AppContext> {
    return {
      requestDidStart: async ({ contextValue }) => {
        const slot = contextValue.res?.locals[SLOT] as Slot | undefined;
        if (!slot) return;
        return {
          willSendResponse: async ({ operation, response }) => {
            if (operation?.operation !== 'query' || response.body.kind !== 'single') return;
            const { data, errors } = response.body.singleResult;
            if (!errors?.length && data) this.slotsByData.set(data, slot);
          },
        };
      },
    };
  }

  /** Apollo's `stringifyResult`: compact JSON, remembered for the slot of a result that may be kept. */
  stringify = (result: { data?: unknown }): string => {
    const body = JSON.stringify(result);
    const slot = result.data && typeof result.data === 'object' ? this.slotsByData.get(result.data) : undefined;
    if (slot) slot.body = body;
    return body;
  };
}

/**
 * A POSTed single operation that is not obviously a mutation (batches and mutations are never kept), from a client
 * that did not ask for a fresh answer (`Cache-Control: no-cache` or `no-store`: the query runs, and is not kept).
 */
function isSingleQuery(req: Request): boolean {
  const body = req.body as { query?: unknown } | undefined;
  return (
    req.method === 'POST' &&
    !/\bno-(cache|store)\b/i.test(req.headers['cache-control'] ?? '') &&
    !!body &&
    !Array.isArray(body) &&
    typeof body.query === 'string' &&
    !/^\s*(mutation|subscription)\b/.test(body.query)
  );
}
