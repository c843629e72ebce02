import type { Deps } from '../commands/deps.js';
import type { Locale } from '../i18n/i18n.js';
import { consoleNotices, markNoticeRead } from '../store/repos/outbox-repo.js';
import { TemplateError, type TemplateSet } from './mail/layout.js';
import { DEFAULT_TEMPLATES, parsePayload, renderMessage } from './mail/templates.js';

/** A console notice for a staff member (issue 5 §8), rendered in the reader's locale. */
export interface Notice {
  id: string;
  kind: string;
  title: string;
  text: string;
  /** Path inside this site (the payload's `path`), or null. */
  path: string | null;
  /** When it became visible (ISO-8601 UTC). */
  at: string;
  readAt: string | null;
}

/**
 * The console notices addressed to `userId` that are visible now, newest first (at most
 * `limit`, default 50; only unread ones with `unreadOnly`). A notice whose payload no longer
 * renders is shown by its kind rather than hidden.
 */
export async function notificationsFor(
  deps: Deps,
  userId: string,
  opts: { locale: Locale; unreadOnly?: boolean; limit?: number; templates?: TemplateSet },
): Promise<Notice[]> {
  const rows = await consoleNotices(deps.db, userId, { now: deps.clock.now().toISOString(), unreadOnly: opts.unreadOnly ?? false, limit: opts.limit ?? 50 });
  return rows.map((r) => {
    let title = r.kind;
    let text = '';
    let path: string | null = null;
    try {
      const payload = parsePayload(r.payload);
      // Rendered against an empty base URL: the link stays a path inside this site.
      const m = renderMessage(opts.templates ?? DEFAULT_TEMPLATES, r.kind, payload, opts.locale, '');
      title = m.subject;
      text = m.text.split('\n--\n')[0]?.trim() ?? '';
      path = typeof payload.path === 'string' ? payload.path : null;
    } catch (err) {
      if (!(err instanceof TemplateError || err instanceof SyntaxError)) throw err;
    }
    return { id: r.id, kind: r.kind, title, text, path, at: r.not_before, readAt: r.read_at };
  });
}

/** Number of unread console notices of `userId` visible now. */
export async function unreadNotificationCount(deps: Deps, userId: string): Promise<number> {
  return (await consoleNotices(deps.db, userId, { now: deps.clock.now().toISOString(), unreadOnly: true, limit: 1000 })).length;
}

/** Marks notice `id` read for `userId`. False when it is not theirs or was already read (so nobody can mark another's). */
export function markRead(deps: Deps, userId: string, id: string): Promise<boolean> {
  return markNoticeRead(deps.db, userId, id, deps.clock.now().toISOString());
}
