import type { Deps } from '../commands/deps.js';
import { translator, type Locale, type MessageKey } from '../i18n/i18n.js';
import { countByStatus, problemMessages, requeue, type OutboxRow } from '../store/repos/outbox-repo.js';
import { OUTBOX_ERROR } from './outbox-delivery.js';

/** An undelivered e-mail as staff see it. */
export interface UndeliveredMail {
  id: string;
  kind: string;
  status: 'held' | 'failed';
  statusLabel: string;
  /** The address, or the staff user id whose address is read at send time. */
  recipient: string;
  attempts: number;
  /** Why it is undelivered, translated when it is one of our own conditions. */
  error: string;
  createdAt: string;
  failedAt: string | null;
  agencyId: string | null;
}

const STATUS_KEYS: Record<OutboxRow['status'], MessageKey> = {
  pending: 'outbox.status.pending',
  sending: 'outbox.status.sending',
  sent: 'outbox.status.sent',
  held: 'outbox.status.held',
  failed: 'outbox.status.failed',
};

const ERROR_KEYS: Record<string, MessageKey> = {
  [OUTBOX_ERROR.smtpNotConfigured]: 'outbox.error.smtp_not_configured',
  [OUTBOX_ERROR.noAddress]: 'outbox.error.no_address',
  [OUTBOX_ERROR.suppressed]: 'outbox.error.suppressed',
};

/**
 * E-mail that did not go out (read model for the staff console): `failed` (permanent error or
 * attempts exhausted) and `held` (no SMTP configured), newest first, within the agency path
 * prefixes `scopes` (null: all, for instance administrators). The caller applies authorisation.
 */
export async function undeliveredMail(deps: Deps, opts: { scopes: string[] | null; locale: Locale; limit?: number }): Promise<UndeliveredMail[]> {
  const t = translator(opts.locale);
  const rows = await problemMessages(deps.db, { scopes: opts.scopes, limit: opts.limit ?? 100 });
  return rows.flatMap((r) => {
    if (r.status !== 'held' && r.status !== 'failed') return [];
    const key = r.last_error ? ERROR_KEYS[r.last_error] : undefined;
    return [{
      id: r.id,
      kind: r.kind,
      status: r.status,
      statusLabel: t(STATUS_KEYS[r.status]),
      recipient: r.recipient,
      attempts: r.attempts,
      error: key ? t(key) : (r.last_error ?? ''),
      createdAt: r.created_at,
      failedAt: r.failed_at,
      agencyId: r.agency_id,
    }];
  });
}

/** E-mail counts by status, for a health line in the console and metrics. */
export function outboxCounts(deps: Deps): Promise<Record<OutboxRow['status'], number>> {
  return countByStatus(deps.db);
}

/** Sends a failed or held e-mail again from now, with a fresh attempt budget. False if it is neither. */
export function retryUndelivered(deps: Deps, id: string): Promise<boolean> {
  return requeue(deps.db, id, deps.clock.now().toISOString());
}
