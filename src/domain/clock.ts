/** An injected source of time. Production uses `systemClock`; tests pass a fixed or manual clock. */
export interface Clock {
  /** The current instant. */
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that tests move by hand. */
export class ManualClock implements Clock {
  private t: number;
  constructor(start: string | Date = '2026-03-02T01:00:00Z') {
    this.t = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.t);
  }
  advance(ms: number): void {
    this.t += ms;
  }
  set(at: string | Date): void {
    this.t = new Date(at).getTime();
  }
}

/** An ISO-8601 UTC timestamp string, the portable representation of instants in the store. */
export function isoNow(clock: Clock): string {
  return clock.now().toISOString();
}
