import { AppError } from '../domain/errors.js';
import type { ScopedGrant } from '../domain/policy.js';
import { verifyPassword, hashPassword } from '../security/password.js';
import { newToken, tokenDigest } from '../security/tokens.js';
import { appendAudit } from '../store/repos/audit-repo.js';
import { userRepo } from '../store/repos/user-repo.js';
import type { Session, User } from '../store/schema.js';
import type { Actor } from './actor.js';
import type { Deps } from './deps.js';

/** Log-in throttling: failures counted in a sliding window, per account and per client address. */
export const THROTTLE = { windowMinutes: 15, perAccount: 5, perAddress: 20 } as const;

export interface LoginInput {
  username: string;
  password: string;
  ip: string;
  userAgent: string;
}

export interface LoginResult {
  token: string;
  user: User;
  session: Session;
}

let dummyHash: Promise<string> | undefined;

/**
 * Checks credentials and opens a server-side session. Refuses with `too_many_attempts` (carrying
 * the seconds to wait) once an account or address has too many recent failures, before checking
 * the password, so that guessing cannot continue. Every attempt is recorded.
 */
export async function login(deps: Deps, input: LoginInput): Promise<LoginResult> {
  const key = input.username.trim().toLowerCase().slice(0, 100);
  const now = deps.clock.now();
  const since = new Date(now.getTime() - THROTTLE.windowMinutes * 60_000).toISOString();
  const fails = async (col: 'username_key' | 'ip', value: string) => {
    const rows = await deps.db
      .selectFrom('login_attempts')
      .select(['at'])
      .where(col, '=', value)
      .where('at', '>=', since)
      .where('success', '=', 0)
      .orderBy('at')
      .execute();
    return rows.map((r) => r.at);
  };
  const [byUser, byIp] = await Promise.all([fails('username_key', key), fails('ip', input.ip)]);
  const blockedBy = byUser.length >= THROTTLE.perAccount ? byUser : byIp.length >= THROTTLE.perAddress ? byIp : null;
  if (blockedBy) {
    const limit = blockedBy === byUser ? THROTTLE.perAccount : THROTTLE.perAddress;
    // The window frees up when the oldest counted failure leaves it.
    const oldest = blockedBy[blockedBy.length - limit] ?? blockedBy[0] ?? now.toISOString();
    const retry = Math.max(1, Math.ceil((new Date(oldest).getTime() + THROTTLE.windowMinutes * 60_000 - now.getTime()) / 1000));
    throw new AppError('too_many_attempts', { retryAfterSeconds: retry });
  }
  const user = await userRepo.byUsername(deps.db, key);
  // Verify against a dummy hash when the account is unknown so timing does not reveal accounts.
  dummyHash ??= hashPassword('not-a-real-password', deps.passwordCost);
  const ok = (await verifyPassword(input.password, user?.password_hash ?? (await dummyHash))) && user?.status === 'active';
  const at = now.toISOString();
  await deps.db.insertInto('login_attempts').values({ id: deps.newId(), at, username_key: key, ip: input.ip, success: ok ? 1 : 0 }).execute();
  if (!ok || !user) throw new AppError('bad_credentials');
  const token = newToken();
  const session: Session = {
    id: tokenDigest(token),
    user_id: user.id,
    csrf_token: newToken(),
    created_at: at,
    last_seen_at: at,
    expires_at: new Date(now.getTime() + deps.sessionIdleMinutes * 60_000).toISOString(),
    absolute_expires_at: new Date(now.getTime() + deps.sessionMaxHours * 3_600_000).toISOString(),
    revoked_at: null,
    ip: input.ip,
    user_agent: input.userAgent.slice(0, 300),
  };
  await deps.db.transaction().execute(async (trx) => {
    await trx.insertInto('sessions').values(session).execute();
    await appendAudit(trx, {
      at,
      actorId: user.id,
      actorUsername: user.username,
      action: 'session.login',
      targetType: 'user',
      targetId: user.id,
      agencyId: user.home_agency_id,
      ip: input.ip,
    });
  });
  return { token, user, session };
}

export interface ResolvedSession {
  session: Session;
  user: User;
  grants: ScopedGrant[];
}

/**
 * Finds the live session behind a cookie token: not revoked, not past its idle or absolute
 * expiry, its user active. Slides the idle expiry (writing at most once a minute).
 */
export async function resolveSession(deps: Deps, token: string): Promise<ResolvedSession | null> {
  if (!token || token.length > 100) return null;
  const session = await deps.db.selectFrom('sessions').selectAll().where('id', '=', tokenDigest(token)).executeTakeFirst();
  if (!session || session.revoked_at) return null;
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  if (session.expires_at <= nowIso || session.absolute_expires_at <= nowIso) return null;
  const user = await userRepo.byId(deps.db, session.user_id);
  if (!user || user.status !== 'active') return null;
  if (now.getTime() - new Date(session.last_seen_at).getTime() > 60_000) {
    const exp = new Date(Math.min(now.getTime() + deps.sessionIdleMinutes * 60_000, new Date(session.absolute_expires_at).getTime())).toISOString();
    await deps.db.updateTable('sessions').set({ last_seen_at: nowIso, expires_at: exp }).where('id', '=', session.id).execute();
    session.last_seen_at = nowIso;
    session.expires_at = exp;
  }
  return { session, user, grants: await userRepo.scopedGrants(deps.db, user.id) };
}

/** Ends the session behind `token` (log-out). Unknown tokens are ignored. */
export async function logout(deps: Deps, token: string, actor: Actor): Promise<void> {
  const id = tokenDigest(token);
  const s = await deps.db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!s || s.revoked_at) return;
  await revokeSessionRow(deps, actor, s);
}

/** Revokes one of the actor's own sessions by id (its digest), from the session list. */
export async function revokeOwnSession(deps: Deps, actor: Actor, sessionId: string): Promise<void> {
  if (actor.type !== 'staff') throw new AppError('forbidden');
  const s = await deps.db.selectFrom('sessions').selectAll().where('id', '=', sessionId).where('user_id', '=', actor.userId).executeTakeFirst();
  if (!s) throw new AppError('not_found');
  if (!s.revoked_at) await revokeSessionRow(deps, actor, s);
}

async function revokeSessionRow(deps: Deps, actor: Actor, s: Session): Promise<void> {
  const at = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('sessions').set({ revoked_at: at }).where('id', '=', s.id).execute();
    await appendAudit(trx, {
      at,
      actorId: s.user_id,
      actorUsername: actor.username,
      action: 'session.revoke',
      targetType: 'session',
      targetId: s.id.slice(0, 12),
      agencyId: null,
      ip: actor.ip,
    });
  });
}

/** The actor's sessions, newest first, for the "my sessions" page. */
export function listOwnSessions(deps: Deps, userId: string): Promise<Session[]> {
  return deps.db.selectFrom('sessions').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').limit(50).execute();
}
