/**
 * A working-day calendar: weekdays are working days, minus public holidays, plus adjusted working
 * days (调休: weekend days that become working days), with admin overrides on top.
 *
 * Every answer that depends on holiday data comes wrapped in `Checked<T>`, whose `warnings` list
 * each year touched by the computation for which the calendar has no data. For such years the
 * calendar falls back to "Monday–Friday, no holidays" and says so; it never guesses silently
 * (DOMAIN.md §2). A caller has to unwrap `.value`, so it cannot overlook that warnings exist.
 */
import { AppError } from '../errors.js';
import { dayNumber, fromDayNumber, weekdayOf, yearOf } from './iso-date.js';

/** A year touched by a computation for which the calendar holds no holiday data. */
export interface CalendarWarning {
  readonly code: 'calendar_year_without_data';
  /** The calendar's id, e.g. `cn`. */
  readonly calendar: string;
  readonly year: number;
}

/** A value computed from calendar data, with the warnings the computation raised. */
export interface Checked<T> {
  readonly value: T;
  readonly warnings: readonly CalendarWarning[];
}

/** Why a day is or is not a working day. Overrides win over base data, base data over weekdays. */
export type DayReason =
  | 'weekday'
  | 'weekend'
  | 'holiday'
  | 'adjusted_working_day'
  | 'override_holiday'
  | 'override_working_day';

export interface DayInfo {
  readonly date: string;
  readonly working: boolean;
  readonly reason: DayReason;
}

/**
 * Admin changes on top of the base data: local holidays, extra working days, and years the admin
 * declares complete (for example after importing a whole year's schedule). Overrides win over the
 * base data. An override in a year without data does not silence that year's warning unless the
 * year is listed in `years`.
 */
export interface CalendarOverrides {
  readonly holidays?: Iterable<string>;
  readonly workingDays?: Iterable<string>;
  readonly years?: Iterable<number>;
}

export interface WorkingCalendarInit {
  /** Short id shown in warnings, e.g. `cn`, `uk-england`. */
  readonly id: string;
  /** Base public holidays (any day of the week). */
  readonly holidays: Iterable<string>;
  /** Base adjusted working days (调休): weekend days that are working days. */
  readonly workingDays: Iterable<string>;
  /** Years for which the base data is complete. */
  readonly years: Iterable<number>;
  readonly overrides?: CalendarOverrides;
  /** Days of the week that are weekend, 0 = Sunday; defaults to Saturday and Sunday. */
  readonly weekendDays?: readonly number[];
}

/** Collects the years without data touched by one computation. */
class WarningSink {
  private readonly missing = new Set<number>();
  constructor(private readonly cal: WorkingCalendar) {}
  touch(n: number): void {
    const y = yearOf(n);
    if (!this.cal.hasDataFor(y)) this.missing.add(y);
  }
  wrap<T>(value: T): Checked<T> {
    const warnings = [...this.missing]
      .sort((a, b) => a - b)
      .map((year): CalendarWarning => ({ code: 'calendar_year_without_data', calendar: this.cal.id, year }));
    return { value, warnings };
  }
}

function toDaySet(dates: Iterable<string> | undefined, field: string): Set<number> {
  const out = new Set<number>();
  for (const d of dates ?? []) out.add(dayNumber(d, field));
  return out;
}

function conflict(a: Set<number>, b: Set<number>, what: string): void {
  for (const n of a) {
    if (b.has(n)) {
      throw new AppError('validation_failed', {
        message: `${fromDayNumber(n)} is both a holiday and a working day in the ${what}`,
        fields: [{ field: what, code: 'holiday_and_working_day' }],
      });
    }
  }
}

/** An immutable working-day calendar. Construction validates every date and rejects contradictions. */
export class WorkingCalendar {
  readonly id: string;
  private readonly holidays: Set<number>;
  private readonly workingDays: Set<number>;
  private readonly overrideHolidays: Set<number>;
  private readonly overrideWorkingDays: Set<number>;
  private readonly dataYears: Set<number>;
  private readonly weekend: Set<number>;
  private readonly init: WorkingCalendarInit;

  constructor(init: WorkingCalendarInit) {
    this.init = init;
    this.id = init.id;
    this.holidays = toDaySet(init.holidays, 'holidays');
    this.workingDays = toDaySet(init.workingDays, 'workingDays');
    this.overrideHolidays = toDaySet(init.overrides?.holidays, 'overrides.holidays');
    this.overrideWorkingDays = toDaySet(init.overrides?.workingDays, 'overrides.workingDays');
    conflict(this.holidays, this.workingDays, 'base data');
    conflict(this.overrideHolidays, this.overrideWorkingDays, 'overrides');
    this.dataYears = new Set([...init.years, ...(init.overrides?.years ?? [])]);
    this.weekend = new Set(init.weekendDays ?? [0, 6]);
  }

  /** A copy of this calendar with `overrides` added to (not replacing) the existing ones. */
  withOverrides(overrides: CalendarOverrides): WorkingCalendar {
    const prev = this.init.overrides;
    return new WorkingCalendar({
      ...this.init,
      overrides: {
        holidays: [...(prev?.holidays ?? []), ...(overrides.holidays ?? [])],
        workingDays: [...(prev?.workingDays ?? []), ...(overrides.workingDays ?? [])],
        years: [...(prev?.years ?? []), ...(overrides.years ?? [])],
      },
    });
  }

  /** Whether the calendar has complete holiday data for `year`. */
  hasDataFor(year: number): boolean {
    return this.dataYears.has(year);
  }

  /** The years with complete data, ascending. */
  get years(): readonly number[] {
    return [...this.dataYears].sort((a, b) => a - b);
  }

  private reasonOf(n: number): DayReason {
    if (this.overrideHolidays.has(n)) return 'override_holiday';
    if (this.overrideWorkingDays.has(n)) return 'override_working_day';
    if (this.holidays.has(n)) return 'holiday';
    if (this.workingDays.has(n)) return 'adjusted_working_day';
    return this.weekend.has(weekdayOf(n)) ? 'weekend' : 'weekday';
  }

  private working(n: number, sink: WarningSink): boolean {
    sink.touch(n);
    const r = this.reasonOf(n);
    return r === 'weekday' || r === 'adjusted_working_day' || r === 'override_working_day';
  }

  /** What kind of day `date` is. */
  describe(date: string): Checked<DayInfo> {
    const n = dayNumber(date);
    const sink = new WarningSink(this);
    const working = this.working(n, sink);
    return sink.wrap({ date, working, reason: this.reasonOf(n) });
  }

  /** Whether `date` is a working day. */
  isWorkingDay(date: string): Checked<boolean> {
    const sink = new WarningSink(this);
    return sink.wrap(this.working(dayNumber(date), sink));
  }

  /** The first working day strictly after `date`. */
  nextWorkingDay(date: string): Checked<string> {
    const sink = new WarningSink(this);
    let n = dayNumber(date);
    sink.touch(n);
    do n += 1;
    while (!this.working(n, sink));
    return sink.wrap(fromDayNumber(n));
  }

  /** `date` itself if it is a working day, else the next working day (calendar-day regimes). */
  rollForward(date: string): Checked<string> {
    const sink = new WarningSink(this);
    let n = dayNumber(date);
    while (!this.working(n, sink)) n += 1;
    return sink.wrap(fromDayNumber(n));
  }

  /**
   * The day on which the `n`-th working day after `from` is reached. `from` is day 0 and is never
   * counted, whatever kind of day it is (Civil Code Art. 201: a period counted in days starts on
   * the next day). `n = 0` returns `from`. A Saturday receipt and the Friday before it therefore
   * share a due date unless that Saturday is itself an adjusted working day.
   */
  addWorkingDays(from: string, n: number): Checked<string> {
    if (!Number.isInteger(n) || n < 0) {
      throw new AppError('validation_failed', {
        message: `working days must be a whole number ≥ 0, got ${n}`,
        fields: [{ field: 'days', code: 'bad_day_count' }],
      });
    }
    const sink = new WarningSink(this);
    let d = dayNumber(from);
    sink.touch(d);
    let counted = 0;
    while (counted < n) {
      d += 1;
      if (this.working(d, sink)) counted += 1;
    }
    return sink.wrap(fromDayNumber(d));
  }

  /**
   * The number of working days after `a` up to and including `b`, so that
   * `workingDaysBetween(a, addWorkingDays(a, k)) === k`. When `b` is before `a` the result is the
   * negated count of working days after `b` up to and including `a`.
   */
  workingDaysBetween(a: string, b: string): Checked<number> {
    const na = dayNumber(a, 'from');
    const nb = dayNumber(b, 'to');
    const sink = new WarningSink(this);
    const [lo, hi, sign]: [number, number, number] = na <= nb ? [na, nb, 1] : [nb, na, -1];
    sink.touch(lo);
    let count = 0;
    for (let d = lo + 1; d <= hi; d += 1) if (this.working(d, sink)) count += 1;
    return sink.wrap(count === 0 ? 0 : sign * count);
  }
}

/** Merges the warnings of several checked results, dropping duplicates, in a stable order. */
export function mergeWarnings(...lists: (readonly CalendarWarning[])[]): CalendarWarning[] {
  const seen = new Map<string, CalendarWarning>();
  for (const list of lists) for (const w of list) seen.set(`${w.calendar}:${w.year}`, w);
  return [...seen.values()].sort((x, y) => x.calendar.localeCompare(y.calendar) || x.year - y.year);
}
