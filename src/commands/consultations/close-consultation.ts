import { AppError } from '../../domain/errors.js';
import { agencyRepo } from '../../store/repos/agency-repo.js';
import { consultationRepo } from '../../store/repos/consultation-repo.js';
import type { Exec } from '../../store/schema.js';
import type { Actor } from '../actor.js';
import type { Deps } from '../deps.js';
import { recordEvent } from '../events.js';
import { audit, eventPayload, loadConsultation, type Loaded } from './load.js';

async function closeIn(trx: Exec, deps: Deps, l: Loaded, kind: 'manual' | 'scheduled', at: string): Promise<void> {
  await consultationRepo.update(trx, l.c.id, { state: 'closed', closed_at: at, close_kind: kind, updated_at: at, version: l.c.version + 1 });
  const counts = await consultationRepo.counts(trx, l.c.id);
  await recordEvent(trx, deps, {
    kind: 'consultation.closed',
    agencyId: l.agency.id,
    subjectType: 'consultation',
    subjectId: l.c.id,
    payload: await eventPayload(trx, l, { closed_at: at, close_kind: kind, comments: counts.total, participants: counts.participants }),
    at,
  });
}

/** Closes a consultation by hand, before its end time. Needs `document.edit` at its agency. */
export async function closeConsultation(deps: Deps, actor: Actor, id: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const l = await loadConsultation(trx, id, actor);
    if (l.c.state === 'closed') throw new AppError('consultation_already_closed');
    const at = deps.clock.now().toISOString();
    await closeIn(trx, deps, l, 'manual', at);
    await audit(trx, deps, actor, l, 'consultation.close');
  });
}

/**
 * The periodic step: opens scheduled consultations whose start passed and closes those whose end
 * passed, each in its own transaction with its event, then erases the addresses of comments whose
 * verification link expired unused. Idempotent: a consultation already moved by
 * another worker is skipped (the state is re-read under the transaction). The event's instant is
 * the window's own boundary, not the moment the job ran.
 */
export async function runConsultationSchedule(deps: Deps, now: Date): Promise<{ opened: number; closed: number; purged: number }> {
  const due = await consultationRepo.due(deps.db, now.toISOString());
  let opened = 0;
  let closed = 0;
  for (const c of due.toOpen) {
    if (Date.parse(c.ends_at) <= now.getTime()) continue; // goes straight to closed below, with its opening recorded there
    opened += await deps.db.transaction().execute(async (trx) => {
      const cur = await consultationRepo.byId(trx, c.id);
      const agency = cur && (await agencyRepo.byId(trx, cur.agency_id));
      if (!cur || !agency || cur.state !== 'scheduled') return 0;
      await consultationRepo.update(trx, cur.id, { state: 'open', opened_at: cur.starts_at, updated_at: now.toISOString(), version: cur.version + 1 });
      await recordEvent(trx, deps, { kind: 'consultation.opened', agencyId: agency.id, subjectType: 'consultation', subjectId: cur.id, payload: await eventPayload(trx, { c: cur, agency }), at: cur.starts_at });
      return 1;
    });
  }
  for (const c of due.toClose) {
    closed += await deps.db.transaction().execute(async (trx) => {
      const cur = await consultationRepo.byId(trx, c.id);
      const agency = cur && (await agencyRepo.byId(trx, cur.agency_id));
      if (!cur || !agency || cur.state === 'closed') return 0;
      if (cur.state === 'scheduled') {
        // The worker was down for the whole window: record the opening it missed, then the closing.
        await recordEvent(trx, deps, { kind: 'consultation.opened', agencyId: agency.id, subjectType: 'consultation', subjectId: cur.id, payload: await eventPayload(trx, { c: cur, agency }), at: cur.starts_at });
      }
      await closeIn(trx, deps, { c: { ...cur, opened_at: cur.opened_at ?? cur.starts_at }, agency }, 'scheduled', cur.ends_at);
      if (!cur.opened_at) await consultationRepo.update(trx, cur.id, { opened_at: cur.starts_at });
      return 1;
    });
  }
  const purged = await purgeExpiredUnverified(deps, now);
  return { opened, closed, purged };
}

/**
 * Data minimisation: a comment whose verification link expired unused never took part in the
 * consultation, so its e-mail address is erased, its token hash dropped and the token scrubbed
 * from the sent mail's outbox row. The row itself stays (`unverified`, never counted or shown).
 */
export async function purgeExpiredUnverified(deps: Deps, now: Date): Promise<number> {
  return deps.db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('consultation_comments')
      .select(['id'])
      .where('state', '=', 'unverified')
      .where('verify_token_hash', 'is not', null)
      .where('verify_expires_at', '<=', now.toISOString())
      .execute();
    if (!rows.length) return 0;
    const ids = rows.map((r) => r.id);
    await trx.updateTable('consultation_comments').set({ email: '', verify_token_hash: null }).where('id', 'in', ids).execute();
    await trx
      .updateTable('outbox')
      .set({ payload: JSON.stringify({ path: '', expired: true }) })
      .where('dedupe_key', 'in', ids.map((id) => `consultation.verify:${id}`))
      .where('status', 'in', ['sent', 'failed'])
      .execute();
    return ids.length;
  });
}
