import { agencyCalendar } from '../calendars/agency-calendar.js';
import { REGIMES, type Regime, type RegimeId } from '../../domain/calendar/regimes.js';
import type { WorkingCalendar } from '../../domain/calendar/working-calendar.js';
import { AppError } from '../../domain/errors.js';
import type { Deps, Exec } from '../deps.js';

/** True when `x` names a built-in regime. */
export function isRegimeId(x: string): x is RegimeId {
  return Object.hasOwn(REGIMES, x);
}

/** The regime stored on a request; refuses an unknown id (the store holds only ones written here). */
export function regimeOf(id: string): Regime {
  if (!isRegimeId(id)) throw new AppError('validation_failed', { message: `unknown regime ${id}` });
  return REGIMES[id];
}

/** The regime of new requests to `agencyId`. Today every agency answers under cn-ogi. */
export async function regimeForAgency(_deps: Deps, _agencyId: string): Promise<RegimeId> {
  return 'cn-ogi';
}

/**
 * The working calendar for requests to `agencyId` under `regime`. THE single place where request
 * commands and read models get a calendar: the regime's built-in calendar with the agency's and
 * its ancestors' overrides (holidays, working days, complete years; see /admin/calendars).
 * `db` lets a caller read inside its transaction.
 */
export async function calendarForAgency(deps: Deps, agencyId: string, regime: Regime = REGIMES['cn-ogi'], db: Exec = deps.db): Promise<WorkingCalendar> {
  return agencyCalendar(db, agencyId, regime.calendar);
}
