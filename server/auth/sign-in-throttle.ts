import type { Knex } from '@mikro-orm/postgresql';
import { RateLimiterPostgres, type RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from '../shared/errors.ts';

/** Failed sign-ins allowed per username, and per client address, within WINDOW_SECONDS. */
export const SIGN_IN_LIMITS = { perUser: 5, perAddress: 50, windowSeconds: 15 * 60 } as const;

const tooManyAttempts = (retryAfterSeconds: number) =>
  new AppError(
    'TOO_MANY_SIGN_IN_ATTEMPTS',
    {
      vi: `Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${Math.ceil(retryAfterSeconds / 60)} phút.`,
      en: `Too many failed sign-ins. Try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s).`,
    },
    { retryAfterSeconds, http: { status: 429, headers: new Map([['retry-after', String(retryAfterSeconds)]]) } },
  );

/**
 * Throttles sign-in by failures, counted in PostgreSQL (rate-limiter-flexible) so every API
 * instance sees the same counts: past SIGN_IN_LIMITS, attempts for that username or from that
 * address are refused with 429 TOO_MANY_SIGN_IN_ATTEMPTS and `Retry-After` until the window ends —
 * before any password is hashed, so hammering costs the server nothing. A success clears the
 * username's count.
 */
export class SignInThrottle {
  private readonly byUser: RateLimiterPostgres;
  private readonly byAddress: RateLimiterPostgres;

  constructor(knex: Knex) {
    const store = { storeClient: knex, storeType: 'knex', tableName: 'sign_in_throttle', tableCreated: true, clearExpiredByTimeout: false };
    this.byUser = new RateLimiterPostgres({
      ...store,
      keyPrefix: 'user',
      points: SIGN_IN_LIMITS.perUser,
      duration: SIGN_IN_LIMITS.windowSeconds,
    });
    this.byAddress = new RateLimiterPostgres({
      ...store,
      keyPrefix: 'address',
      points: SIGN_IN_LIMITS.perAddress,
      duration: SIGN_IN_LIMITS.windowSeconds,
    });
  }

  /** Refuses (429) when this username or this address has used up its failures. */
  async assertAllowed(username: string, address: string): Promise<void> {
    const [user, from] = await Promise.all([this.byUser.get(username), this.byAddress.get(address)]);
    const waits = [
      [user, SIGN_IN_LIMITS.perUser],
      [from, SIGN_IN_LIMITS.perAddress],
    ].flatMap(([res, limit]) => {
      const state = res as RateLimiterRes | null;
      return state && state.consumedPoints >= (limit as number) ? [state.msBeforeNext] : [];
    });
    if (waits.length) throw tooManyAttempts(Math.max(1, Math.ceil(Math.max(...waits) / 1000)));
  }

  /** Counts one failure against both; the caller then answers UNAUTHENTICATED as usual. */
  async failed(username: string, address: string): Promise<void> {
    // consume() rejects once over the limit; the count is what matters here.
    await Promise.all([this.byUser.consume(username).catch(() => null), this.byAddress.consume(address).catch(() => null)]);
  }

  async succeeded(username: string): Promise<void> {
    await this.byUser.delete(username);
  }
}
