/**
 * Agency codes: the 18-character unified social credit code (统一社会信用代码, GB 32100-2015), the
 * 9-character organisation code it embeds (组织机构代码, GB 11714-1997), and short internal codes
 * for agencies that have neither. Pure; no I/O.
 *
 * Unified social credit code layout (GB 32100-2015 §4):
 *   pos 1      registration-authority code (登记管理部门代码)
 *   pos 2      organisation-type code (机构类别代码), meaningful per authority
 *   pos 3–8    administrative-division code of the registering office (GB/T 2260, six digits)
 *   pos 9–17   organisation code (主体标识码): 8 body characters + GB 11714 check character
 *   pos 18     check character over pos 1–17 (GB/T 17710 style, mod 31)
 * Charset: 0–9 and A–Z without I, O, Z, S, V (31 symbols, valued 0–30 in that order).
 */

/** The 31 symbols of GB 32100-2015 in value order; a symbol's index is its value. */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

// GB 32100-2015 §5: W_i = 3^(i-1) mod 31 for i = 1..17.
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
// GB 11714-1997 §5: weights of the 8 body characters; C9 = 11 − (Σ mod 11), 10 → X, 11 → 0.
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

const USCC_CHARS = /^[0-9A-HJ-NPQRTUWXY]{18}$/;
const ORG_BODY = /^[0-9A-Z]{8}$/;
const ORG_SHAPE = /^([0-9A-Z]{8})-?([0-9X])$/;
const CUSTOM_CHARS = /^[A-Za-z0-9_-]+$/;

/**
 * Registration-authority codes (pos 1) and the organisation-type codes (pos 2) each allows, from
 * GB 32100-2015 Annex A with its 2016 amendment No. 1 (which added A and N). If a newer amendment
 * adds codes, extend this table; `validateUscc` rejects pairs it does not list with 'authority'.
 */
export const USCC_REGISTRATION_AUTHORITIES: ReadonlyMap<string, { name: string; types: ReadonlyMap<string, string> }> =
  new Map(
    (
      [
        ['1', '机构编制', [['1', '机关'], ['2', '事业单位'], ['3', '中央编办直接管理机构编制的群众团体'], ['9', '其他']]],
        ['2', '外交', [['1', '外国常驻新闻机构'], ['9', '其他']]],
        ['3', '司法行政', [['1', '律师执业机构'], ['2', '公证处'], ['3', '基层法律服务所'], ['4', '司法鉴定机构'], ['5', '仲裁委员会'], ['9', '其他']]],
        ['4', '文化', [['1', '外国在华文化中心'], ['9', '其他']]],
        ['5', '民政', [['1', '社会团体'], ['2', '民办非企业单位'], ['3', '基金会'], ['9', '其他']]],
        ['6', '旅游', [['1', '外国旅游部门常驻代表机构'], ['2', '港澳台地区旅游部门常驻内地（大陆）代表机构'], ['9', '其他']]],
        ['7', '宗教', [['1', '宗教活动场所'], ['2', '宗教院校'], ['9', '其他']]],
        ['8', '工会', [['1', '基层工会'], ['9', '其他']]],
        ['9', '工商', [['1', '企业'], ['2', '个体工商户'], ['3', '农民专业合作社']]],
        ['A', '中央军委改革和编制办公室', [['1', '军队事业单位'], ['9', '其他']]],
        ['N', '农业', [['1', '组级集体经济组织'], ['2', '村级集体经济组织'], ['3', '乡镇级集体经济组织'], ['9', '其他']]],
        ['Y', '其他', [['1', '其他']]],
      ] as const
    ).map(([code, name, types]) => [code, { name, types: new Map(types) }]),
  );

/** Why a code was rejected. 'org_checksum' is the embedded GB 11714 check; 'checksum' the final one. */
export type AgencyCodeFailure = 'empty' | 'length' | 'charset' | 'region' | 'checksum' | 'org_checksum' | 'authority';

/** The parts of a valid unified social credit code. */
export interface UsccParts {
  authority: string;
  orgType: string;
  region: string;
  /** The embedded organisation code, 9 characters without hyphen. */
  orgCode: string;
  check: string;
}

export type UsccResult = { ok: true; normalized: string; parts: UsccParts } | { ok: false; reason: AgencyCodeFailure };
export type OrgCodeResult = { ok: true; normalized: string } | { ok: false; reason: AgencyCodeFailure };
export type AgencyCodeKind = 'uscc' | 'org9' | 'custom';
export type AgencyCodeResult =
  | { ok: true; kind: AgencyCodeKind; normalized: string }
  | { ok: false; reason: AgencyCodeFailure };

function orgCharValue(c: string): number {
  const n = c.charCodeAt(0);
  // GB 11714-1997: digits are 0–9, letters A–Z are 10–35 (all 26 letters allowed in the body).
  return n <= 57 ? n - 48 : n - 55;
}

/**
 * The GB 11714-1997 check character for an 8-character organisation-code body (0–9, A–Z,
 * upper case). Returns '0'–'9' or 'X'. Throws RangeError on a malformed body (a programming
 * error: callers validate first).
 */
export function orgCodeCheckChar(body8: string): string {
  if (!ORG_BODY.test(body8)) throw new RangeError(`organisation-code body must be 8 chars of [0-9A-Z]: ${body8}`);
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += orgCharValue(body8.charAt(i)) * (ORG_WEIGHTS[i] ?? 0);
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/**
 * The GB 32100-2015 check character (position 18) for a 17-character prefix in the USCC alphabet.
 * Useful to generate demo codes: `prefix + usccCheckChar(prefix)`. Note that a valid code also
 * needs a valid embedded organisation code at positions 9–17 (see `orgCodeCheckChar`). Throws
 * RangeError on a malformed prefix (a programming error: callers validate first).
 */
export function usccCheckChar(prefix17: string): string {
  if (prefix17.length !== 17) throw new RangeError(`USCC prefix must be 17 chars: ${prefix17}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_ALPHABET.indexOf(prefix17.charAt(i));
    if (v < 0) throw new RangeError(`character outside the USCC alphabet at ${i + 1}: ${prefix17}`);
    sum += v * (USCC_WEIGHTS[i] ?? 0);
  }
  // C18 = 31 − (Σ mod 31), with 31 written as 0.
  return USCC_ALPHABET.charAt((31 - (sum % 31)) % 31);
}

/**
 * Validates a unified social credit code. Leading/trailing whitespace is ignored and letters are
 * upper-cased; nothing else is forgiven (no inner spaces or hyphens). Checks, in order: length,
 * alphabet, six-digit division code, final check character, embedded organisation-code check
 * character, and the authority/type pair against `USCC_REGISTRATION_AUTHORITIES`.
 */
export function validateUscc(code: string): UsccResult {
  const s = code.trim().toUpperCase();
  if (s.length === 0) return { ok: false, reason: 'empty' };
  if (s.length !== 18) return { ok: false, reason: 'length' };
  if (!USCC_CHARS.test(s)) return { ok: false, reason: 'charset' };
  const region = s.slice(2, 8);
  if (!/^\d{6}$/.test(region)) return { ok: false, reason: 'region' };
  if (usccCheckChar(s.slice(0, 17)) !== s.charAt(17)) return { ok: false, reason: 'checksum' };
  const orgCode = s.slice(8, 17);
  if (orgCodeCheckChar(orgCode.slice(0, 8)) !== orgCode.charAt(8)) return { ok: false, reason: 'org_checksum' };
  const authority = s.charAt(0);
  const orgType = s.charAt(1);
  if (!USCC_REGISTRATION_AUTHORITIES.get(authority)?.types.has(orgType)) return { ok: false, reason: 'authority' };
  return { ok: true, normalized: s, parts: { authority, orgType, region, orgCode, check: s.charAt(17) } };
}

/**
 * Validates a standalone 9-character organisation code (GB 11714-1997), written `00728042-0` or
 * `007280420`. Normalized form: 9 characters, upper case, no hyphen (the form used inside index
 * numbers); `formatOrgCode` gives the hyphenated display form.
 */
export function validateOrgCode(code: string): OrgCodeResult {
  const s = code.trim().toUpperCase();
  if (s.length === 0) return { ok: false, reason: 'empty' };
  if (s.length !== 9 && s.length !== 10) return { ok: false, reason: 'length' };
  const m = ORG_SHAPE.exec(s);
  if (!m) return { ok: false, reason: 'charset' };
  const body = m[1] ?? '';
  const check = m[2] ?? '';
  if (orgCodeCheckChar(body) !== check) return { ok: false, reason: 'checksum' };
  return { ok: true, normalized: body + check };
}

/** `007280420` → `00728042-0` (display form of a normalized organisation code). */
export function formatOrgCode(normalized9: string): string {
  return `${normalized9.slice(0, 8)}-${normalized9.slice(8)}`;
}

/**
 * Validates the code an agency uses in its index numbers (索引号), deciding the kind by shape:
 * - 18 characters: a unified social credit code (`validateUscc`), normalized to upper case;
 * - 9 characters, or 10 with a hyphen before the last: an organisation code (`validateOrgCode`),
 *   normalized to 9 characters without hyphen;
 * - anything else of 2–32 characters from [A-Za-z0-9_-]: a 'custom' code, kept as typed (case
 *   preserved). Custom codes exist for demo agencies and for sub-units (内设机构, 派出机构) that
 *   have no code of their own; they are never checksummed. Because 9 and 18 characters are
 *   reserved for real codes, a 9/18-character custom code is rejected rather than accepted
 *   unchecked.
 * Surrounding whitespace is ignored. All normalized forms are URL-safe (no '/', '?', '#', '%').
 */
export function validateAgencyCode(code: string): AgencyCodeResult {
  const s = code.trim();
  if (s.length === 0) return { ok: false, reason: 'empty' };
  if (s.length === 18) {
    const r = validateUscc(s);
    return r.ok ? { ok: true, kind: 'uscc', normalized: r.normalized } : r;
  }
  if (s.length === 9 || (s.length === 10 && s.charAt(8) === '-')) {
    const r = validateOrgCode(s);
    return r.ok ? { ok: true, kind: 'org9', normalized: r.normalized } : r;
  }
  if (s.length < 2 || s.length > 32) return { ok: false, reason: 'length' };
  if (!CUSTOM_CHARS.test(s)) return { ok: false, reason: 'charset' };
  return { ok: true, kind: 'custom', normalized: s };
}
