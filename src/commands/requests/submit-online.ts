import { AppError } from '../../domain/errors.js';
import { agencyRepo } from '../../store/repos/agency-repo.js';
import type { Deps } from '../deps.js';
import { cleanApplication, type ApplicationInput } from './application-input.js';
import { APPLICANT_ACTOR, createRequestIn, type CreatedRequest } from './create-request.js';
import { todayAt } from './load.js';

/**
 * An online application (no account). It stays `submitted` until the office confirms it: Art. 31,
 * an online application is received on the day both sides confirm it (`confirmReceipt`). Returns
 * the tracking number and the private token, which is shown to the applicant once.
 */
export async function submitOnline(deps: Deps, agencyId: string, input: ApplicationInput): Promise<CreatedRequest> {
  const app = cleanApplication(input);
  return deps.db.transaction().execute(async (trx) => {
    const agency = await agencyRepo.byId(trx, agencyId);
    if (!agency) throw new AppError('agency_not_found');
    return createRequestIn(trx, deps, APPLICANT_ACTOR, agency, app, { channel: 'online', submittedOn: todayAt(deps, agency), receivedOn: null });
  });
}
