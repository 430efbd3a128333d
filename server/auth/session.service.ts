import { createHash, randomBytes } from 'node:crypto';
import type { MikroORM, EntityManager } from '@mikro-orm/postgresql';
import { recordAudit } from '../audit/index.ts';
import type { ClusterSignals } from '../shared/cluster-signals.ts';
import { AppError } from '../shared/errors.ts';
import type { Sessions } from '../access/index.ts';
import type { AuthUser } from '../access/index.ts';
import { dummyPasswordHash, normaliseOneTimeCode, verifyPassword } from './password.ts';
import type { Role } from '../access/index.ts';
import { Session } from './session.entity.ts';
import { SignInThrottle } from './sign-in-throttle.ts';
import { User } from './user.entity.ts';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** How long a validated token is trusted without asking the database again. */
const CACHE_MS = 10_000;

interface CachedSession {
  user: AuthUser;
  expiresAt: number;
  checkedAt: number;
}

/**
 * Opaque bearer tokens backed by the `session` table. Lookups are cached for a few seconds
 * so a request costs no extra SQL; logout and revocation evict the cache at once, in every API
 * process on the database (`signals`), and no cached lookup is trusted while signals may be missed.
 */
export class SessionService implements Sessions {
  private readonly cache = new Map<string, CachedSession>();
  private readonly throttle: SignInThrottle;

  constructor(
    private readonly orm: MikroORM,
    private readonly ttlHours: number,
    private readonly signals: ClusterSignals,
  ) {
    this.throttle = new SignInThrottle(orm.em.getConnection().getKnex());
    signals.on('session', ({ tokenHash }) => this.cache.delete(tokenHash));
    signals.on('user', ({ userId }) => this.forgetUser(userId));
    signals.onResync(() => this.cache.clear());
  }

  /** Signs in; `address` is the client's, for the throttle (see SignInThrottle). */
  async login(
    em: EntityManager,
    username: string,
    password: string,
    address = 'unknown',
  ): Promise<{ token: string; user: AuthUser; expiresAt: Date }> {
    const name = username.trim().toLowerCase();
    await this.throttle.assertAllowed(name, address);
    const user = await em.findOne(User, { username: name, active: true }, { populate: ['passwordHash'] });
    // A one-time code is checked as typed in any case, with or without its dashes.
    const candidate = user?.oneTimeCodeExpiresAt ? normaliseOneTimeCode(password) : password;
    // Always run one scrypt, so an unknown username takes as long as a wrong password.
    const valid = await verifyPassword(candidate, user?.passwordHash ?? (await dummyPasswordHash()));
    if (!user || !valid) {
      await this.throttle.failed(name, address);
      // Nobody proved who they are: no actor. Subject 0 when no active account has that name.
      recordAudit(em, null, {
        subjectType: 'User',
        subjectId: user?.id ?? 0,
        action: 'sign-in-failed',
        after: { username: name.slice(0, 200), address },
      });
      await em.flush();
      // Same code and words for an unknown user and a wrong password (no enumeration), but not "sign in".
      throw new AppError('UNAUTHENTICATED', { vi: 'Sai tên đăng nhập hoặc mật khẩu.', en: 'Wrong username or password.' });
    }
    await this.throttle.succeeded(name);
    if (user.oneTimeCodeExpiresAt) await this.useOneTimeCode(em, user, address);
    // Written with the session (open flushes both).
    recordAudit(em, user, {
      subjectType: 'User',
      subjectId: user.id,
      action: 'sign-in',
      after: user.oneTimeCodeExpiresAt ? { address, oneTimeCode: true } : { address },
    });
    return this.open(em, toAuthUser(user));
  }

  /**
   * Spends the one-time code `user` just signed in with: it opens one sign-in (two at once: the first wins), before
   * it expires. The refusals name the reason, since only someone who holds the code gets this far.
   */
  private async useOneTimeCode(em: EntityManager, user: User, address: string): Promise<void> {
    const now = new Date();
    const spent = await em.nativeUpdate(
      User,
      { id: user.id, oneTimeCodeUsedAt: null, oneTimeCodeExpiresAt: { $gt: now } },
      { oneTimeCodeUsedAt: now },
    );
    if (spent === 1) return;
    const used = user.oneTimeCodeUsedAt != null || user.oneTimeCodeExpiresAt! > now;
    recordAudit(em, null, {
      subjectType: 'User',
      subjectId: user.id,
      action: 'sign-in-refused',
      after: { username: user.username, address, reason: used ? 'one-time-code-used' : 'one-time-code-expired' },
    });
    await em.flush();
    throw used
      ? new AppError('ONE_TIME_CODE_USED', {
          vi: 'Mã dùng một lần này đã được dùng để đăng nhập. Hãy đề nghị quản trị viên cấp mã mới.',
          en: 'This one-time code has been used to sign in already. Ask an administrator for a new one.',
        })
      : new AppError('ONE_TIME_CODE_EXPIRED', {
          vi: 'Mã dùng một lần này đã hết hạn. Hãy đề nghị quản trị viên cấp mã mới.',
          en: 'This one-time code has expired. Ask an administrator for a new one.',
        });
  }

  /** A new session for `user` (after sign-in, or after a password change ended the others). */
  async open(em: EntityManager, user: AuthUser): Promise<{ token: string; user: AuthUser; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.ttlHours * 3_600_000);
    em.create(Session, { tokenHash: hashToken(token), user: em.getReference(User, user.id), expiresAt });
    await em.flush();
    return { token, user, expiresAt };
  }

  /** The user behind a token, or null if it is unknown, expired or revoked. */
  async authenticate(token: string): Promise<AuthUser | null> {
    const tokenHash = hashToken(token);
    const now = Date.now();
    const cached = this.cache.get(tokenHash);
    if (cached && cached.expiresAt > now && now - cached.checkedAt < CACHE_MS && this.signals.live) return cached.user;
    const rows = await this.orm.em.getConnection().execute<
      {
        id: number;
        username: string;
        display_name: string;
        roles: Role[];
        unit_id: number | null;
        must_change_password: boolean;
        expires_at: Date;
      }[]
    >(
      `select u.id, u.username, u.display_name, u.roles, u.unit_id, u.must_change_password, s.expires_at
         from session s join app_user u on u.id = s.user_id
        where s.token_hash = ? and s.revoked_at is null and s.expires_at > now() and u.active`,
      [tokenHash],
    );
    const row = rows[0];
    if (!row) {
      this.cache.delete(tokenHash);
      return null;
    }
    const user: AuthUser = {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      roles: row.roles,
      unitId: row.unit_id,
      mustChangePassword: row.must_change_password,
    };
    this.cache.set(tokenHash, { user, expiresAt: new Date(row.expires_at).getTime(), checkedAt: now });
    return user;
  }

  async revoke(em: EntityManager, token: string): Promise<void> {
    const tokenHash = hashToken(token);
    this.cache.delete(tokenHash);
    await em.transactional(async (tx) => {
      const revoked = await tx.execute<{ user_id: number }[]>(
        `update session set revoked_at = now() where token_hash = ? and revoked_at is null and expires_at > now() returning user_id`,
        [tokenHash],
      );
      for (const { user_id: userId } of revoked) {
        recordAudit(tx, { id: userId }, { subjectType: 'User', subjectId: userId, action: 'sign-out' });
      }
    });
    await this.signals.send({ kind: 'session', tokenHash });
  }

  /** Ends every session of a user (deactivation, password or role change). */
  async revokeAllOf(userId: number): Promise<void> {
    this.forgetUser(userId);
    await this.orm.em.getConnection().execute(`update session set revoked_at = now() where user_id = ? and revoked_at is null`, [userId]);
    await this.signals.send({ kind: 'user', userId });
  }

  private forgetUser(userId: number): void {
    for (const [hash, cached] of this.cache) if (cached.user.id === userId) this.cache.delete(hash);
  }
}

export function toAuthUser(user: User): AuthUser {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    roles: [...user.roles],
    unitId: user.unit ? user.unit.id : null,
    mustChangePassword: user.mustChangePassword,
  };
}
