/**
 * The catalogue index number (索引号) of a disclosed item, Art. 12 of the Regulations. No national
 * format exists; we use the common `<agency code>/<year>-<5-digit serial>` form, e.g.
 * `11441700007280420Y/2021-00050` (DOMAIN.md §1). Pure; no I/O.
 *
 * URL safety: agency codes (see `validateAgencyCode`) and the `<year>-<serial>` part use only
 * [A-Za-z0-9_-], which is URL-safe, but the '/' between them is a path separator. Routes may
 * either take the index number as two path segments (`/catalogue/:agency/:yearSerial`), or use
 * `toIndexNumberSlug`, which replaces the '/' by '~' (unreserved in RFC 3986 §2.3 and never part
 * of a code), giving one segment such as `11441700007280420Y~2021-00050`.
 */
import { validateAgencyCode, type AgencyCodeFailure, type AgencyCodeKind } from './uscc.js';

export const INDEX_SERIAL_MAX = 99_999;
export const INDEX_YEAR_MIN = 1000;
export const INDEX_YEAR_MAX = 9999;

export interface IndexNumber {
  /** The agency code in its normalized form. */
  agencyCode: string;
  agencyKind: AgencyCodeKind;
  year: number;
  /** 1 … 99999. */
  serial: number;
}

export type IndexNumberFailure = 'shape' | 'year' | 'serial' | 'not_normalized' | `agency_${AgencyCodeFailure}`;
export type ParseIndexNumberResult = ({ ok: true } & IndexNumber) | { ok: false; reason: IndexNumberFailure };

const SHAPE = /^([A-Za-z0-9_-]+)\/(\d{4})-(\d{5})$/;

/**
 * Formats an index number. The agency code is validated and written in its normalized form (a
 * lower-case USCC is upper-cased, an organisation code loses its hyphen). Throws RangeError when
 * the code is invalid, the year is not an integer in 1000–9999, or the serial is not an integer
 * in 1–99999: these are programming errors, as commands validate their input first.
 */
export function formatIndexNumber(agencyCode: string, year: number, serial: number): string {
  const code = validateAgencyCode(agencyCode);
  if (!code.ok) throw new RangeError(`invalid agency code (${code.reason}): ${agencyCode}`);
  if (!Number.isInteger(year) || year < INDEX_YEAR_MIN || year > INDEX_YEAR_MAX) {
    throw new RangeError(`index-number year out of range: ${year}`);
  }
  if (!Number.isInteger(serial) || serial < 1 || serial > INDEX_SERIAL_MAX) {
    throw new RangeError(`index-number serial out of range: ${serial}`);
  }
  return `${code.normalized}/${year}-${String(serial).padStart(5, '0')}`;
}

/**
 * Parses an index number strictly: exactly `<code>/<YYYY>-<NNNNN>` with no surrounding
 * whitespace, a valid agency code already in normalized form (so each item has one spelling:
 * `11441700007280420y/…` and `00728042-0/…` are rejected with 'not_normalized'), a
 * four-digit year 1000–9999 and a five-digit serial 00001–99999.
 */
export function parseIndexNumber(s: string): ParseIndexNumberResult {
  const m = SHAPE.exec(s);
  if (!m) return { ok: false, reason: 'shape' };
  const [, rawCode = '', yearText = '', serialText = ''] = m;
  const code = validateAgencyCode(rawCode);
  if (!code.ok) return { ok: false, reason: `agency_${code.reason}` };
  if (code.normalized !== rawCode) return { ok: false, reason: 'not_normalized' };
  const year = Number(yearText);
  if (year < INDEX_YEAR_MIN) return { ok: false, reason: 'year' };
  const serial = Number(serialText);
  if (serial < 1) return { ok: false, reason: 'serial' };
  return { ok: true, agencyCode: code.normalized, agencyKind: code.kind, year, serial };
}

/** `11441700007280420Y/2021-00050` → `11441700007280420Y~2021-00050` (one URL path segment). */
export function toIndexNumberSlug(indexNumber: string): string {
  return indexNumber.replace('/', '~');
}

/** Inverse of `toIndexNumberSlug`; the result still needs `parseIndexNumber`. */
export function fromIndexNumberSlug(slug: string): string {
  return slug.replace('~', '/');
}
