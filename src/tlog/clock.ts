/**
 * The time source of the transparency log, injected so tests never patch globals (HOUSE-STYLE,
 * after Sunlight). `now()` returns the current instant in UTC milliseconds since the Unix epoch.
 */
export interface Clock {
  now(): number;
}

/** The real clock: `Date.now()`. */
export const systemClock: Clock = { now: () => Date.now() };
