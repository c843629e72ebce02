const formats = new Map<string, Intl.DateTimeFormat>();

/** The calendar date (`YYYY-MM-DD`) of an instant in a time zone (the agency's, for legal dates). */
export function localDate(iso: string, timeZone: string): string {
  let f = formats.get(timeZone);
  if (!f) {
    // en-CA formats dates as YYYY-MM-DD.
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formats.set(timeZone, f);
  }
  return f.format(new Date(iso));
}

/**
 * The UTC instant of a wall-clock time `YYYY-MM-DDTHH:mm` in a time zone (for forms whose
 * `datetime-local` input is in the agency's zone). Returns null for malformed input. In a DST
 * gap or overlap the result is one of the two readings; China has no DST.
 */
export function zonedToUtc(local: string, timeZone: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!m) return null;
  const [y, mo, d, hh, mi, ss] = m.slice(1).map((x) => Number(x ?? 0)) as [number, number, number, number, number, number];
  const guess = Date.UTC(y, mo - 1, d, hh, mi, ss);
  const check = new Date(guess);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || hh > 23 || mi > 59) return null;
  const offset = (t: number) => {
    const f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    const p = Object.fromEntries(f.formatToParts(new Date(t)).map((x) => [x.type, x.value]));
    return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second)) - t;
  };
  const first = guess - offset(guess);
  return new Date(guess - offset(first));
}
