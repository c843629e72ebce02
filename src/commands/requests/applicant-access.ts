import { AppError } from '../../domain/errors.js';
import { parseTrackingNumber, formatTrackingNumber } from '../../domain/requests/tracking.js';
import { safeEqual, tokenDigest } from '../../security/tokens.js';
import { requestRepo } from '../../store/repos/request-repo.js';
import type { Exec, RequestRow } from '../../store/schema.js';

/**
 * The request with tracking number `number` whose private token is `token`. A wrong number and a
 * wrong token give the same `request_not_found`, compared in constant time, so the answer says
 * nothing about which was wrong.
 */
export async function requestByToken(db: Exec, number: string, token: string): Promise<RequestRow> {
  const parsed = parseTrackingNumber(number);
  const req = parsed ? await requestRepo.byTrackingNumber(db, formatTrackingNumber(parsed.year, parsed.serial)) : undefined;
  const given = tokenDigest(token);
  if (!req || token.length === 0 || token.length > 200 || !safeEqual(req.token_hash, given)) throw new AppError('request_not_found');
  return req;
}
