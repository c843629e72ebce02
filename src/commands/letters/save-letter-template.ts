import { AppError, invalid } from '../../domain/errors.js';
import { isOutcomeCode } from '../../domain/requests/outcomes.js';
import { appendAudit } from '../../store/repos/audit-repo.js';
import { actorId, type Actor } from '../actor.js';
import type { Deps } from '../deps.js';

/** Key prefix of the templates in `instance_meta`. */
export const LETTER_KEY_PREFIX = 'letter_template.';

/**
 * The placeholders a reply-letter template may use. Each is replaced by escaped text when the
 * letter is rendered; an unknown `{name}` is refused on saving so a typo cannot reach a letter.
 */
export const LETTER_PLACEHOLDERS = [
  'applicant', 'tracking_number', 'received_date', 'submitted_date', 'reply_date', 'agency', 'title', 'outcome', 'basis', 'reply_text', 'released_files', 'linked_documents',
] as const;

/** Longest template body, in characters. */
export const MAX_LETTER_TEMPLATE = 20_000;

/**
 * May `actor` edit the instance's letter templates? They are shared by every agency, so only an
 * administrator whose grant is at a top-level agency (or the system) may.
 */
export function canEditLetterTemplates(actor: Actor): boolean {
  if (actor.type === 'system') return true;
  return actor.grants.some((g) => g.role === 'admin' && g.agencyPath.split('/').filter(Boolean).length === 1);
}

/**
 * Saves the reply-letter template of one outcome, or restores the default when `body` is blank.
 * Refuses unknown outcomes and placeholders and over-long bodies (`validation_failed`), and
 * non-administrators (`forbidden`). Audited.
 */
export async function saveLetterTemplate(deps: Deps, actor: Actor, outcome: string, body: string): Promise<{ reset: boolean }> {
  if (!canEditLetterTemplates(actor)) throw new AppError('forbidden');
  if (!isOutcomeCode(outcome)) throw invalid([{ field: 'outcome', code: 'invalid' }]);
  const text = body.replace(/\r\n?/g, '\n').trim();
  if (text.length > MAX_LETTER_TEMPLATE) throw invalid([{ field: 'body', code: 'too_long' }]);
  const known: readonly string[] = LETTER_PLACEHOLDERS;
  const unknown = [...text.matchAll(/\{([a-z_]+)\}/g)].map((m) => m[1] ?? '').filter((n) => !known.includes(n));
  if (unknown.length) throw invalid([{ field: 'body', code: 'unknown_placeholder', message: unknown.join(', ') }]);
  const key = `${LETTER_KEY_PREFIX}${outcome}`;
  const at = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('instance_meta').where('key', '=', key).execute();
    if (text) await trx.insertInto('instance_meta').values({ key, value: text, updated_at: at }).execute();
    await appendAudit(trx, {
      at, actorId: actorId(actor), actorUsername: actor.username, action: text ? 'letter_template.saved' : 'letter_template.reset',
      targetType: 'letter_template', targetId: outcome, agencyId: null, ip: actor.ip, detail: { outcome, length: text.length },
    });
  });
  return { reset: text === '' };
}
