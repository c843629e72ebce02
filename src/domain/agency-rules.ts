/**
 * Rules of the agency tree: province → city → county/district → township, with departments under
 * any government (or under another department, for sub-units). Pure.
 */
import type { FieldIssue } from './errors.js';

export const GOVERNMENT_LEVELS = ['province', 'city', 'county', 'township'] as const;
export const AGENCY_LEVELS = [...GOVERNMENT_LEVELS, 'department'] as const;
export type AgencyLevel = (typeof AGENCY_LEVELS)[number];

export function isAgencyLevel(x: string): x is AgencyLevel {
  return (AGENCY_LEVELS as readonly string[]).includes(x);
}

/**
 * May an agency of `child` level sit under a parent of `parent` level (null = a root)? Any
 * government level may be a root (a deployment can start at a city); a government sits strictly
 * below its parent government; a department needs a parent.
 */
export function levelAllowedUnder(parent: AgencyLevel | null, child: AgencyLevel): boolean {
  if (child === 'department') return parent !== null;
  if (parent === null) return true;
  if (parent === 'department') return false;
  return GOVERNMENT_LEVELS.indexOf(child) > GOVERNMENT_LEVELS.indexOf(parent);
}

/** True when `tz` is an IANA time zone this runtime knows. */
export function isTimeZone(tz: string): boolean {
  if (!tz || tz.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const PHONE = /^[0-9+()\- ,;/转]{0,64}$/u;
const EMAIL = /^[^\s@<>()]{1,64}@[^\s@<>()]{1,190}\.[^\s@<>()]{2,}$/u;

/** Text fields of the disclosure guide (Art. 12) and their limits. */
export const PROFILE_LIMITS = {
  name_zh: 200,
  name_en: 300,
  office_name_zh: 200,
  office_name_en: 300,
  address_zh: 300,
  address_en: 400,
  postcode: 10,
  office_hours_zh: 300,
  office_hours_en: 300,
  phone: 64,
  fax: 64,
  email: 254,
  website: 300,
} as const;
export type ProfileField = keyof typeof PROFILE_LIMITS;

/** Checks profile values; returns field issues (empty when valid). */
export function checkProfile(p: Partial<Record<ProfileField, string>>, prefix = ''): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const [k, max] of Object.entries(PROFILE_LIMITS) as [ProfileField, number][]) {
    const v = p[k];
    if (v === undefined) continue;
    if ([...v].length > max) issues.push({ field: prefix + k, code: 'too_long' });
    // Control characters never belong in these fields (they break exports and letters).
    if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/u.test(v)) issues.push({ field: prefix + k, code: 'control_chars' });
  }
  if (p.name_zh !== undefined && p.name_zh.trim() === '') issues.push({ field: prefix + 'name_zh', code: 'required' });
  if (p.name_en !== undefined && p.name_en.trim() === '') issues.push({ field: prefix + 'name_en', code: 'required' });
  if (p.phone && !PHONE.test(p.phone)) issues.push({ field: prefix + 'phone', code: 'bad_phone' });
  if (p.fax && !PHONE.test(p.fax)) issues.push({ field: prefix + 'fax', code: 'bad_phone' });
  if (p.email && !EMAIL.test(p.email)) issues.push({ field: prefix + 'email', code: 'bad_email' });
  if (p.postcode && !/^[0-9]{6}$/.test(p.postcode)) issues.push({ field: prefix + 'postcode', code: 'bad_postcode' });
  if (p.website && !/^https?:\/\/[^\s<>"]+$/.test(p.website)) issues.push({ field: prefix + 'website', code: 'bad_url' });
  return issues;
}
