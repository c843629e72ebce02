import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../domain/errors.js';
import { newToken, safeEqual } from '../security/tokens.js';

/** Cookie holding the anonymous double-submit CSRF token (for forms used before signing in). */
export const ANON_CSRF_COOKIE = 'gk_csrf';

/**
 * The token forms must carry: the staff session's own token, or else an anonymous token kept in
 * an httpOnly cookie (created on first use).
 */
export function ensureCsrfToken(req: FastifyRequest, reply: FastifyReply): string {
  if (req.ctx.staff) return req.ctx.staff.session.csrf_token;
  const existing = req.cookies[ANON_CSRF_COOKIE];
  if (existing && /^[A-Za-z0-9_-]{43}$/.test(existing)) return existing;
  const token = newToken();
  reply.setCookie(ANON_CSRF_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: req.protocol === 'https' });
  return token;
}

/**
 * Checks the token of a state-changing request: the `_csrf` form field or the `x-csrf-token`
 * header must equal the expected token. Throws `csrf_failed` (403) otherwise.
 */
export function verifyCsrf(req: FastifyRequest): void {
  const body = req.body;
  const fromBody = body && typeof body === 'object' && '_csrf' in body ? (body as Record<string, unknown>)._csrf : undefined;
  verifyCsrfValue(req, typeof fromBody === 'string' ? fromBody : undefined);
}

/**
 * The same check for a token read by the route itself (a multipart form's `_csrf` part, which
 * precedes the file so it can be checked before a byte of the file is stored).
 */
export function verifyCsrfValue(req: FastifyRequest, fromForm: string | undefined): void {
  const expected = req.ctx.staff ? req.ctx.staff.session.csrf_token : req.cookies[ANON_CSRF_COOKIE];
  const header = req.headers['x-csrf-token'];
  const given = fromForm ?? (typeof header === 'string' ? header : '');
  if (!expected || !given || !safeEqual(given, expected)) throw new AppError('csrf_failed');
}
