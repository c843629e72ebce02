/**
 * Why a verification failed. Each reason is stable (it appears in `--json` output) and maps to one
 * exit code (`exitCodeFor`).
 *
 * - `content_tampered`: the served content does not hash to the hash the log entry records.
 * - `attachment_mismatch`: an attachment's bytes, name or list differ from the log entry.
 * - `entry_mismatch`: the log entry names another document, version or action than asked.
 * - `bad_proof`: the inclusion proof does not lead to the checkpoint's root.
 * - `bad_signature`: a signature by the trusted key does not verify (the checkpoint was altered).
 * - `unknown_key`: the checkpoint is not signed by the trusted key, or no key is trusted yet.
 * - `inconsistent_checkpoint`: a checkpoint is not an extension of one seen before (fork or rollback).
 * - `pending`: the entry is not yet in a signed checkpoint (retry in a second or two).
 * - `not_found`: the document, version or log does not exist.
 * - `fetch_failed`: the server could not be reached or answered with an error.
 * - `malformed`: an input (file, response, key, state file) is not in the expected format.
 */
export type VerifyReason =
  | 'content_tampered'
  | 'attachment_mismatch'
  | 'entry_mismatch'
  | 'bad_proof'
  | 'bad_signature'
  | 'unknown_key'
  | 'inconsistent_checkpoint'
  | 'pending'
  | 'not_found'
  | 'fetch_failed'
  | 'malformed';

/** A failure that stops verification before every check could run. */
export class VerifyError extends Error {
  readonly reason: VerifyReason;

  constructor(reason: VerifyReason, message: string) {
    super(message);
    this.name = 'VerifyError';
    this.reason = reason;
  }
}

/**
 * Exit codes of `gongkai verify`, aligned with the rest of the CLI where they overlap:
 * 0 verified; 1 verification failed (tampering, bad signature or proof, unknown key, fork or
 * rollback, server error); 2 usage; 3 malformed input; 4 not found; 7 not yet sequenced (retry).
 */
export const VERIFY_EXIT = { ok: 0, failed: 1, usage: 2, malformed: 3, not_found: 4, pending: 7 } as const;

/** The exit code for a failure reason (see {@link VERIFY_EXIT}). */
export function exitCodeFor(reason: VerifyReason): number {
  if (reason === 'malformed') return VERIFY_EXIT.malformed;
  if (reason === 'not_found') return VERIFY_EXIT.not_found;
  if (reason === 'pending') return VERIFY_EXIT.pending;
  return VERIFY_EXIT.failed;
}
