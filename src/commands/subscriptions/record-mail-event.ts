import type { Deps } from '../deps.js';
import { invalid } from '../../domain/errors.js';
import { normaliseEmail } from '../../domain/subscriptions/subscriptions.js';
import { subscriptionRepo } from '../../store/repos/subscription-repo.js';

/**
 * Records a bounce or complaint reported by the mail provider. A complaint or a permanent bounce
 * puts the address on the suppression list at once, soft bounces from the third; a suppressed
 * address gets no more subscription mail (checked when mail is queued and again when it is sent).
 * Returns whether the address is now suppressed.
 */
export async function recordMailEvent(deps: Deps, input: { type: unknown; email: unknown; permanent?: unknown }): Promise<{ suppressed: boolean }> {
  const issues = [];
  const type = input.type === 'bounce' || input.type === 'complaint' ? input.type : null;
  if (!type) issues.push({ field: 'type', code: 'invalid' });
  const email = typeof input.email === 'string' ? normaliseEmail(input.email) : null;
  if (!email) issues.push({ field: 'email', code: 'bad_email' });
  if (input.permanent !== undefined && typeof input.permanent !== 'boolean') issues.push({ field: 'permanent', code: 'invalid' });
  if (!type || !email) throw invalid(issues);
  const permanent = type === 'complaint' || input.permanent !== false;
  const suppressed = await subscriptionRepo.recordMailEvent(deps.db, { email, reason: type, permanent, at: deps.clock.now().toISOString() });
  return { suppressed };
}
