import { AppError } from '../../domain/errors.js';
import { isChannel, receiptDate } from '../../domain/requests/receipt.js';
import { agencyRepo } from '../../store/repos/agency-repo.js';
import { authorize, type Actor } from '../actor.js';
import type { Deps } from '../deps.js';
import { cleanApplication, type ApplicationInput } from './application-input.js';
import { createRequestIn, type CreatedRequest } from './create-request.js';
import { todayAt } from './load.js';

/** An application received in person, by mail or by fax, as the office registers it. */
export interface OfflineInput extends ApplicationInput {
  channel: string;
  /** The day it was handed in or arrived (default: today). */
  submitted_on?: string;
  /** Registered mail: the day signed for. */
  signed_for_on?: string;
  /** Ordinary mail and fax: the day the office confirmed it with the applicant, if it has. */
  confirmed_on?: string;
}

/**
 * Registers an application received offline. Needs `request.handle` at the agency. The receipt
 * date follows Art. 31: in person, the day submitted; registered mail, the day signed for;
 * ordinary mail and fax, the day of the confirmation with the applicant; without that
 * confirmation the request waits in `submitted` for `confirmReceipt`.
 */
export async function registerOffline(deps: Deps, actor: Actor, agencyId: string, input: OfflineInput): Promise<CreatedRequest> {
  const app = cleanApplication(input);
  if (!isChannel(input.channel) || input.channel === 'online') throw new AppError('validation_failed', { fields: [{ field: 'channel', code: 'invalid' }] });
  const channel = input.channel;
  return deps.db.transaction().execute(async (trx) => {
    const agency = await agencyRepo.byId(trx, agencyId);
    if (!agency) throw new AppError('agency_not_found');
    authorize(actor, 'request.handle', agency.path);
    const today = todayAt(deps, agency);
    const submittedOn = input.submitted_on ?? today;
    const receivedOn = receiptDate(channel, {
      submittedOn,
      ...(input.signed_for_on ? { signedForOn: input.signed_for_on } : {}),
      ...(input.confirmed_on ? { confirmedOn: input.confirmed_on } : {}),
    }, today);
    return createRequestIn(trx, deps, actor, agency, app, { channel, submittedOn, receivedOn });
  });
}
