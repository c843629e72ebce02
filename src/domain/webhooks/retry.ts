/**
 * The retry schedule of webhook deliveries (issue 8 §4: exponential backoff over at least 24 h).
 *
 * After the n-th failed attempt the delivery waits `min(1 min · 2^(n−1), 6 h)`: 1, 2, 4, 8, 16,
 * 32, 64, 128, 256 minutes, then 6 h three times. With 13 attempts the last one is made 26 h 31
 * min after the first (1,591 minutes), so a receiver that is down for a whole day still gets every
 * event once it is back within that time.
 */
export interface WebhookRetryPolicy {
  baseMs: number;
  maxMs: number;
  maxAttempts: number;
}

export const WEBHOOK_RETRY: WebhookRetryPolicy = { baseMs: 60_000, maxMs: 6 * 3_600_000, maxAttempts: 13 };

/** An endpoint that has not had one 2xx for this long, on a failed attempt, is disabled. */
export const WEBHOOK_DISABLE_AFTER_MS = 24 * 3_600_000;

/** Per-attempt timeout: connection, request and response together. */
export const WEBHOOK_TIMEOUT_MS = 10_000;

/** How long a rotated-away secret keeps signing (both signatures are sent meanwhile). */
export const SECRET_GRACE_MS = 24 * 3_600_000;

/** The wait after the `attempt`-th failed attempt (1-based). */
export function webhookBackoffMs(attempt: number, policy: WebhookRetryPolicy = WEBHOOK_RETRY): number {
  return Math.min(policy.baseMs * 2 ** Math.max(0, attempt - 1), policy.maxMs);
}

/** Offsets (ms from the first attempt) of every attempt of the schedule; the first is 0. */
export function webhookSchedule(policy: WebhookRetryPolicy = WEBHOOK_RETRY): number[] {
  const out = [0];
  for (let n = 1; n < policy.maxAttempts; n++) out.push((out[n - 1] ?? 0) + webhookBackoffMs(n, policy));
  return out;
}
