/**
 * Document numbers (发文字号, 文号) such as 国办发〔2017〕47号, normalised for matching and search.
 * Pure; no I/O.
 *
 * GB/T 9704-2012 §7.2.4 writes a document number as issuing-agency prefix, year in hexagonal
 * brackets 〔〕 and serial with 号, without leading zeros or 第. In practice people type [], (),
 * （）, 【】 and add 第 or zero-padding; all of these parse to the same canonical form:
 *   国办发〔2017〕47号 = 国办发[2017]47号 = 国办发(2017)47号 = 国办发（2017）47号 = 国办发〔2017〕第47号
 * Numbers without a year, such as decrees (中华人民共和国国务院令第711号), are kept as
 * `<prefix>第<serial>号` with year null.
 */

export interface DocNumber {
  /** Issuing-agency prefix, e.g. 国办发; never empty. */
  prefix: string;
  /** Four-digit year, or null for a number without one (…令第711号). */
  year: number | null;
  /** Serial without leading zeros; ≥ 1. */
  serial: number;
}

// After NFKC: （）→(), ［］→[], ﹝﹞ and ︹︺ → 〔〕, full-width digits → ASCII.
const OPEN = '〔[(【〖{';
const CLOSE = '〕\\])】〗}';
const WITH_YEAR = new RegExp(`^([^${OPEN}${CLOSE}]+?)[${OPEN}](\\d{4})[${CLOSE}]第?(\\d{1,7})号?$`, 'u');
const WITHOUT_YEAR = new RegExp(`^([^${OPEN}${CLOSE}]+?)第(\\d{1,7})号$`, 'u');

function clean(s: string): string {
  return s.normalize('NFKC').replace(/\s+/gu, '');
}

/**
 * Parses a document number, tolerating the bracket and 第 variants above, full-width digits,
 * spaces anywhere, zero-padded serials and a missing final 号 (only when a bracketed year is
 * present). Returns null when the text is not a document number.
 */
export function parseDocNumber(input: string): DocNumber | null {
  const s = clean(input);
  const m = WITH_YEAR.exec(s) ?? WITHOUT_YEAR.exec(s);
  if (!m) return null;
  const prefix = m[1] ?? '';
  const hasYear = m.length === 4;
  const serial = Number(hasYear ? m[3] : m[2]);
  // A prefix must name an agency: reject bare digits and a stray trailing 第.
  if (prefix === '' || /^\d+$/u.test(prefix) || prefix.endsWith('第')) return null;
  if (!Number.isSafeInteger(serial) || serial < 1) return null;
  return { prefix, year: hasYear ? Number(m[2]) : null, serial };
}

/** The canonical spelling of a parsed number: 国办发〔2017〕47号, or 国务院令第711号 without year. */
export function formatDocNumber(d: DocNumber): string {
  return d.year === null ? `${d.prefix}第${d.serial}号` : `${d.prefix}〔${d.year}〕${d.serial}号`;
}

/** Canonical form of a document number, or null when it does not parse. */
export function normalizeDocNumber(input: string): string | null {
  const d = parseDocNumber(input);
  return d ? formatDocNumber(d) : null;
}

/**
 * True when two document numbers denote the same document: equal canonical forms when both
 * parse, otherwise equal text after NFKC and whitespace removal.
 */
export function docNumbersEqual(a: string, b: string): boolean {
  const na = normalizeDocNumber(a);
  const nb = normalizeDocNumber(b);
  if (na !== null && nb !== null) return na === nb;
  return clean(a) === clean(b) && clean(a) !== '';
}

/**
 * Search tokens for a document number, most specific first and without duplicates: the
 * canonical form, the prefix, the year, serial + 号, and prefix + bracketed year (国办发〔2017〕).
 * A number without year yields canonical form, prefix and serial + 号. Text that does not parse
 * yields its cleaned self (or nothing when empty), so free-form numbers remain findable.
 */
export function docNumberSearchTokens(input: string): string[] {
  const d = parseDocNumber(input);
  if (!d) {
    const s = clean(input);
    return s === '' ? [] : [s];
  }
  const tokens = [formatDocNumber(d), d.prefix];
  if (d.year !== null) tokens.push(String(d.year));
  tokens.push(`${d.serial}号`);
  if (d.year !== null) tokens.push(`${d.prefix}〔${d.year}〕`);
  return [...new Set(tokens)];
}
