/**
 * The information-processing fee (政府信息公开信息处理费管理办法, 国办函〔2020〕109号), in integer fen.
 *
 * Charges are progressive (超额累进) and a request is charged by exactly one method: per request
 * (按件, by the applicant's running count within a calendar month) or per volume (按量, by the
 * request's page count). `FeeBasis` is a discriminated union, so a quote for both at once cannot be
 * written. Tiers live in `FeeConfig`; the defaults follow DOMAIN.md §1.
 */
import { AppError } from '../errors.js';

export interface FeeConfig {
  readonly perRequest: {
    /** Ascending; the n-th request of the month pays the fee of the first tier with n ≤ `upTo`. */
    readonly tiers: readonly { readonly upTo: number; readonly feeFen: number }[];
    /**
     * Past the last tier: bands of `bandSize` requests, each band `stepFen` per request dearer than
     * the one before (31–40 at 200, 41–50 at 300, …: DOMAIN.md marks this band reading unverified).
     */
    readonly beyond: { readonly bandSize: number; readonly stepFen: number };
  };
  readonly perVolume: {
    /** Ascending; pages above the previous tier's `upTo` and up to this one cost `feePerPageFen` each; the last `upTo` is null (no upper bound). */
    readonly tiers: readonly { readonly upTo: number | null; readonly feePerPageFen: number }[];
  };
  /** Working days the applicant has to pay after the fee notice (unverified; configurable). */
  readonly paymentDueWorkingDays: number;
}

/** The 2020 measures as DOMAIN.md §1 states them. */
export const DEFAULT_FEE_CONFIG: FeeConfig = {
  perRequest: {
    // 1–10 free; 11–30 CNY 100 each.
    tiers: [{ upTo: 10, feeFen: 0 }, { upTo: 30, feeFen: 10_000 }],
    // From 31: every further band of 10 adds CNY 100 per request.
    beyond: { bandSize: 10, stepFen: 10_000 },
  },
  perVolume: {
    // ≤30 pages free; 31–100 CNY 10/page; 101–200 CNY 20/page; 201+ CNY 40/page.
    tiers: [
      { upTo: 30, feePerPageFen: 0 },
      { upTo: 100, feePerPageFen: 1_000 },
      { upTo: 200, feePerPageFen: 2_000 },
      { upTo: null, feePerPageFen: 4_000 },
    ],
  },
  paymentDueWorkingDays: 20,
};

/** What a request is charged on: one method, never both. */
export type FeeBasis =
  /** `requestNumberInMonth`: this request's position (1-based) among the applicant's requests this calendar month. */
  | { readonly method: 'per_request'; readonly requestNumberInMonth: number }
  | { readonly method: 'per_volume'; readonly pages: number };

/** One line of a fee notice: `units` items (requests or pages) numbered `from`–`to` at `unitFen`. */
export interface FeeLine {
  readonly from: number;
  readonly to: number;
  readonly units: number;
  readonly unitFen: number;
  readonly subtotalFen: number;
}

export interface FeeQuote {
  readonly method: FeeBasis['method'];
  readonly totalFen: number;
  /** The breakdown for the fee notice, free tiers included; their sum is `totalFen`. */
  readonly lines: readonly FeeLine[];
}

function bad(field: string, message: string): AppError {
  return new AppError('validation_failed', { message: `${field}: ${message}`, fields: [{ field, code: 'bad_fee_input', message }] });
}

function wholeAtLeast(v: number, min: number, field: string): void {
  if (!Number.isSafeInteger(v) || v < min) throw bad(field, `must be a whole number ≥ ${min}, got ${v}`);
}

/** Throws `AppError('validation_failed')` unless the config is usable (ascending bounds, whole fen). */
export function validateFeeConfig(config: FeeConfig): void {
  const pr = config.perRequest;
  if (pr.tiers.length === 0) throw bad('perRequest.tiers', 'needs at least one tier');
  let prev = 0;
  pr.tiers.forEach((t, i) => {
    wholeAtLeast(t.upTo, prev + 1, `perRequest.tiers[${i}].upTo`);
    wholeAtLeast(t.feeFen, 0, `perRequest.tiers[${i}].feeFen`);
    prev = t.upTo;
  });
  wholeAtLeast(pr.beyond.bandSize, 1, 'perRequest.beyond.bandSize');
  wholeAtLeast(pr.beyond.stepFen, 0, 'perRequest.beyond.stepFen');
  const vt = config.perVolume.tiers;
  if (vt.length === 0) throw bad('perVolume.tiers', 'needs at least one tier');
  prev = 0;
  vt.forEach((t, i) => {
    const last = i === vt.length - 1;
    if (last !== (t.upTo === null)) throw bad(`perVolume.tiers[${i}].upTo`, 'only the last tier is open-ended, and it must be');
    if (t.upTo !== null) wholeAtLeast(t.upTo, prev + 1, `perVolume.tiers[${i}].upTo`);
    wholeAtLeast(t.feePerPageFen, 0, `perVolume.tiers[${i}].feePerPageFen`);
    prev = t.upTo ?? prev;
  });
  wholeAtLeast(config.paymentDueWorkingDays, 0, 'paymentDueWorkingDays');
}

/** The fee, in fen, of the applicant's `n`-th request in a calendar month (按件). */
export function perRequestFeeFen(n: number, config: FeeConfig = DEFAULT_FEE_CONFIG): number {
  wholeAtLeast(n, 1, 'requestNumberInMonth');
  const { tiers, beyond } = config.perRequest;
  for (const t of tiers) if (n <= t.upTo) return t.feeFen;
  const last = tiers[tiers.length - 1];
  if (last === undefined) throw bad('perRequest.tiers', 'needs at least one tier');
  const band = Math.ceil((n - last.upTo) / beyond.bandSize);
  return last.feeFen + band * beyond.stepFen;
}

/** The total fee, in fen, of an applicant's first `count` requests in a month (each at its own rate). */
export function perRequestMonthTotalFen(count: number, config: FeeConfig = DEFAULT_FEE_CONFIG): number {
  wholeAtLeast(count, 0, 'count');
  let total = 0;
  for (let n = 1; n <= count; n += 1) total += perRequestFeeFen(n, config);
  return total;
}

function volumeLines(pages: number, config: FeeConfig): FeeLine[] {
  wholeAtLeast(pages, 0, 'pages');
  const lines: FeeLine[] = [];
  let lower = 0;
  for (const t of config.perVolume.tiers) {
    const upper = t.upTo === null ? pages : Math.min(pages, t.upTo);
    if (upper > lower) {
      const units = upper - lower;
      lines.push({ from: lower + 1, to: upper, units, unitFen: t.feePerPageFen, subtotalFen: units * t.feePerPageFen });
    }
    if (t.upTo === null || pages <= t.upTo) break;
    lower = t.upTo;
  }
  return lines;
}

/** The fee, in fen, for a request of `pages` pages (按量, progressive: 150 pages = 70×10 + 50×20 CNY). */
export function perVolumeFeeFen(pages: number, config: FeeConfig = DEFAULT_FEE_CONFIG): number {
  return volumeLines(pages, config).reduce((t, l) => t + l.subtotalFen, 0);
}

/** The fee for one request on one basis, with its breakdown. */
export function quoteProcessingFee(basis: FeeBasis, config: FeeConfig = DEFAULT_FEE_CONFIG): FeeQuote {
  if (basis.method === 'per_request') {
    const n = basis.requestNumberInMonth;
    const fee = perRequestFeeFen(n, config);
    return { method: basis.method, totalFen: fee, lines: [{ from: n, to: n, units: 1, unitFen: fee, subtotalFen: fee }] };
  }
  const lines = volumeLines(basis.pages, config);
  return { method: basis.method, totalFen: lines.reduce((t, l) => t + l.subtotalFen, 0), lines };
}
