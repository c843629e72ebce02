import type { FastifyReply, FastifyRequest } from 'fastify';
import { resolveSession } from '../commands/sessions.js';
import type { Deps } from '../commands/deps.js';

export const SESSION_COOKIE = 'gk_session';

/** Loads the staff session behind the cookie into `req.ctx` (staff and actor), if any. */
export async function loadStaff(deps: Deps, req: FastifyRequest): Promise<void> {
  const token = req.cookies[SESSION_COOKIE];
  if (!token) return;
  const s = await resolveSession(deps, token);
  if (!s) return;
  req.ctx.staff = s;
  req.ctx.actor = { type: 'staff', userId: s.user.id, username: s.user.username, grants: s.grants, ip: req.ip };
}

/** Sets the session cookie: httpOnly, SameSite=Lax, Secure over TLS, lifetime of the session. */
export function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string, absoluteExpiry: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: req.protocol === 'https',
    expires: new Date(absoluteExpiry),
  });
}

export function clearSessionCookie(req: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: req.protocol === 'https' });
}
