/**
 * Errors raised by the transparency-log module.
 *
 * `tlog/` imports nothing of the app (HOUSE-STYLE: dependencies point one way), so it cannot use
 * `domain/errors.ts`; the app maps these codes onto `AppError` kinds at its boundary.
 *
 * - `malformed`: input bytes/text do not follow the spec (bad note, bad tile path, bad proof line).
 * - `unverified`: no signature from a known key verified (C2SP signed-note: "MUST reject").
 * - `invalid_signature`: a signature from a known key failed to verify.
 * - `invalid_proof`: an inclusion or consistency proof does not verify.
 * - `out_of_range`: an index or tree size beyond what exists.
 * - `conflict`: an optimistic-concurrency check failed (someone else appended or signed first);
 *   retrying from fresh state is safe.
 * - `inconsistent`: stored state contradicts itself (e.g. the stored checkpoint does not match the
 *   stored tree). This is fatal: the log must stop signing until an operator investigates.
 */
export type TlogErrorCode =
  | 'malformed'
  | 'unverified'
  | 'invalid_signature'
  | 'invalid_proof'
  | 'out_of_range'
  | 'conflict'
  | 'inconsistent';

/**
 * The one error class thrown by `tlog/` for expected failures. `retryable` is true only for
 * `conflict`; `fatal` is true only for `inconsistent` (Sunlight keeps the two apart).
 */
export class TlogError extends Error {
  readonly code: TlogErrorCode;

  constructor(code: TlogErrorCode, message: string) {
    super(message);
    this.name = 'TlogError';
    this.code = code;
  }

  /** True when retrying the same operation from freshly read state may succeed. */
  get retryable(): boolean {
    return this.code === 'conflict';
  }

  /** True when the log's stored state is self-contradictory and it must stop signing. */
  get fatal(): boolean {
    return this.code === 'inconsistent';
  }
}
