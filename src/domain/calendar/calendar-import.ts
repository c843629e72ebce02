/**
 * Importing holiday data uploaded by an admin: an iCalendar file (RFC 5545) of all-day events, or a
 * plain list of dates. The result feeds `CalendarOverrides`. Pure text in, data out.
 *
 * The iCalendar reader is hand-written and deliberately small: it reads only what a holiday feed
 * needs (all-day VEVENTs) and rejects what it cannot represent faithfully (timed events, recurrence
 * rules) with a line number, rather than importing part of the data.
 */
import { AppError } from '../errors.js';
import { dayNumber, fromDayNumber, isIsoDate, yearOf } from './iso-date.js';

/** One problem in an uploaded file. `line` is 1-based; for a folded iCalendar line, its first line. */
export interface ImportIssue {
  readonly line: number;
  readonly code:
    | 'bad_date' | 'not_icalendar' | 'bad_line' | 'unbalanced_component' | 'missing_dtstart'
    | 'timed_event' | 'bad_dtend' | 'bad_duration' | 'event_too_long' | 'recurring_event'
    | 'holiday_and_working_day';
  readonly message: string;
}

/** A rejected upload, listing every problem found (up to `MAX_ISSUES`) with its line number. */
export class CalendarImportError extends AppError {
  readonly issues: readonly ImportIssue[];
  constructor(issues: readonly ImportIssue[]) {
    super('validation_failed', {
      message: issues.map((i) => `line ${i.line}: ${i.message}`).join('; '),
      fields: issues.map((i) => ({ field: `line ${i.line}`, code: i.code, message: i.message })),
    });
    this.name = 'CalendarImportError';
    this.issues = issues;
  }
}

const MAX_ISSUES = 50;
/** Longer events are certainly not holidays; refusing them also bounds the expansion work. */
const MAX_EVENT_DAYS = 366;

/** Holidays and adjusted working days read from a file, each sorted and without duplicates. */
export interface ImportedCalendar {
  readonly holidays: readonly string[];
  readonly workingDays: readonly string[];
  /** The years the imported dates fall in (informational; declaring a year complete is the admin's call). */
  readonly years: readonly number[];
}

/**
 * Whether an event marks an adjusted working day rather than a holiday. The rule: a SUMMARY
 * containing 补班, 调休, 上班, 班 in brackets (`(班)`, `（班）`, as `chinese-days` writes it), or
 * "working day", "work day" or "workday" in any case is a working day, as is an event with
 * `X-APPLE-SPECIAL-DAY:ALTERNATE-WORKDAY`. Everything else is a holiday.
 */
export function isWorkingDaySummary(summary: string): boolean {
  return /补班|调休|上班|[(（]\s*班\s*[)）]/.test(summary) || /\bwork(ing)?\s?day\b/i.test(summary);
}

interface ContentLine {
  line: number;
  name: string;
  params: Map<string, string>;
  value: string;
}

/** RFC 5545 §3.1: a line break followed by one space or tab is a fold; remove both. */
function unfold(text: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  const physical = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  physical.forEach((raw, i) => {
    const prev = out[out.length - 1];
    if ((raw.startsWith(' ') || raw.startsWith('\t')) && prev !== undefined) prev.text += raw.slice(1);
    else out.push({ line: i + 1, text: raw });
  });
  return out.filter((l) => l.text.trim() !== '');
}

/** RFC 5545 §3.1 contentline = name *(";" param) ":" value; parameter values may be quoted. */
function parseContentLine(line: number, text: string): ContentLine | null {
  const nameMatch = /^[A-Za-z0-9-]+/.exec(text);
  if (nameMatch === null) return null;
  const name = nameMatch[0].toUpperCase();
  const params = new Map<string, string>();
  let i = name.length;
  while (text[i] === ';') {
    const eq = text.indexOf('=', i);
    if (eq < 0) return null;
    const key = text.slice(i + 1, eq).toUpperCase();
    let j = eq + 1;
    let val = '';
    if (text[j] === '"') {
      const close = text.indexOf('"', j + 1);
      if (close < 0) return null;
      val = text.slice(j + 1, close);
      j = close + 1;
    } else {
      while (j < text.length && text[j] !== ';' && text[j] !== ':') j += 1;
      val = text.slice(eq + 1, j);
    }
    params.set(key, val);
    i = j;
  }
  if (text[i] !== ':') return null;
  return { line, name, params, value: text.slice(i + 1) };
}

/** RFC 5545 §3.3.11 TEXT unescaping. */
function unescapeText(v: string): string {
  return v.replace(/\\([\\;,nN])/g, (_m, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

interface EventProps {
  begin: number;
  props: Map<string, ContentLine>;
}

/**
 * Reads an iCalendar file of holidays. Each VEVENT needs an all-day `DTSTART` (`;VALUE=DATE:YYYYMMDD`,
 * or a bare 8-digit date); it covers the days from DTSTART up to but excluding DTEND (RFC 5545
 * §3.6.1), or `DURATION` of whole days/weeks, or just DTSTART's day. Cancelled events
 * (`STATUS:CANCELLED`) are skipped. See `isWorkingDaySummary` for how holidays and adjusted working
 * days are told apart. Throws `CalendarImportError` listing every problem.
 */
export function parseIcsCalendar(text: string): ImportedCalendar {
  const issues: ImportIssue[] = [];
  const issue = (line: number, code: ImportIssue['code'], message: string): void => {
    if (issues.length < MAX_ISSUES) issues.push({ line, code, message });
  };
  const holidays = new Map<number, number>();
  const working = new Map<number, number>();
  const lines = unfold(text);
  const firstLine = lines[0];
  if (firstLine === undefined || firstLine.text.trim().toUpperCase() !== 'BEGIN:VCALENDAR') {
    throw new CalendarImportError([{ line: firstLine?.line ?? 1, code: 'not_icalendar', message: 'the file must start with BEGIN:VCALENDAR' }]);
  }
  const stack: string[] = [];
  let event: EventProps | null = null;

  const date = (p: ContentLine, what: string): number | null => {
    const v = p.value.trim();
    const valueType = (p.params.get('VALUE') ?? 'DATE').toUpperCase();
    if (v.includes('T') || valueType !== 'DATE') {
      issue(p.line, 'timed_event', `${what} ${v} has a time; only all-day events are supported`);
      return null;
    }
    const m = /^(\d{4})(\d{2})(\d{2})$/.exec(v);
    const iso = m === null ? '' : `${m[1]}-${m[2]}-${m[3]}`;
    if (!isIsoDate(iso)) {
      issue(p.line, 'bad_date', `${what} ${JSON.stringify(p.value)} is not a YYYYMMDD date`);
      return null;
    }
    return dayNumber(iso);
  };

  const finish = (ev: EventProps): void => {
    const get = (k: string): ContentLine | undefined => ev.props.get(k);
    if (get('STATUS')?.value.trim().toUpperCase() === 'CANCELLED') return;
    const rec = get('RRULE') ?? get('RDATE');
    if (rec !== undefined) return issue(rec.line, 'recurring_event', `${rec.name} is not supported; list each occurrence as its own event`);
    const dtstart = get('DTSTART');
    if (dtstart === undefined) return issue(ev.begin, 'missing_dtstart', 'VEVENT without DTSTART');
    const start = date(dtstart, 'DTSTART');
    if (start === null) return;
    let end = start + 1;
    const dtend = get('DTEND');
    const duration = get('DURATION');
    if (dtend !== undefined) {
      const e = date(dtend, 'DTEND');
      if (e === null) return;
      if (e <= start) return issue(dtend.line, 'bad_dtend', 'DTEND must be after DTSTART (DTEND is exclusive)');
      end = e;
    } else if (duration !== undefined) {
      const m = /^P(?:(\d+)W|(\d+)D)$/.exec(duration.value.trim().toUpperCase());
      const days = m === null ? 0 : m[1] !== undefined ? Number(m[1]) * 7 : Number(m[2]);
      if (days < 1) return issue(duration.line, 'bad_duration', `DURATION ${duration.value} is not a whole number of days or weeks`);
      end = start + days;
    }
    if (end - start > MAX_EVENT_DAYS) return issue(dtstart.line, 'event_too_long', `the event lasts ${end - start} days`);
    const summary = unescapeText(get('SUMMARY')?.value ?? '');
    const isWork = isWorkingDaySummary(summary) || get('X-APPLE-SPECIAL-DAY')?.value.trim().toUpperCase() === 'ALTERNATE-WORKDAY';
    const [mine, other] = isWork ? [working, holidays] : [holidays, working];
    for (let d = start; d < end; d += 1) {
      const clash = other.get(d);
      if (clash !== undefined) {
        issue(dtstart.line, 'holiday_and_working_day', `${fromDayNumber(d)} is also imported by the event at line ${clash} as the opposite kind`);
        return;
      }
      if (!mine.has(d)) mine.set(d, dtstart.line);
    }
  };

  for (const { line, text: t } of lines) {
    const p = parseContentLine(line, t);
    if (p === null) {
      issue(line, 'bad_line', `not an iCalendar content line: ${JSON.stringify(t.slice(0, 60))}`);
      continue;
    }
    if (p.name === 'BEGIN') {
      const comp = p.value.trim().toUpperCase();
      stack.push(comp);
      if (comp === 'VEVENT') event = { begin: line, props: new Map() };
    } else if (p.name === 'END') {
      const comp = p.value.trim().toUpperCase();
      const top = stack.pop();
      if (top !== comp) {
        issue(line, 'unbalanced_component', `END:${comp} does not close ${top === undefined ? 'anything' : `BEGIN:${top}`}`);
        break;
      }
      if (comp === 'VEVENT' && event !== null) {
        finish(event);
        event = null;
      }
    } else if (event !== null && stack[stack.length - 1] === 'VEVENT' && !event.props.has(p.name)) {
      // Only the event's own properties: a nested VALARM's lines are not the event's.
      event.props.set(p.name, p);
    }
  }
  if (stack.length > 0 && issues.length === 0) {
    const lastLine = lines[lines.length - 1]?.line ?? 1;
    issue(lastLine, 'unbalanced_component', `BEGIN:${stack[stack.length - 1] ?? ''} is never closed`);
  }
  if (issues.length > 0) throw new CalendarImportError(issues);
  return result([...holidays.keys()], [...working.keys()]);
}

function result(holidays: number[], working: number[]): ImportedCalendar {
  const sort = (xs: number[]): string[] => [...new Set(xs)].sort((a, b) => a - b).map(fromDayNumber);
  const years = [...new Set([...holidays, ...working].map(yearOf))].sort((a, b) => a - b);
  return { holidays: sort(holidays), workingDays: sort(working), years };
}

/**
 * Reads a plain list of dates: one `YYYY-MM-DD` per line; blank lines and `#` comments (whole-line
 * or trailing) are ignored. Returns the dates sorted, without duplicates. Throws
 * `CalendarImportError` naming every bad line.
 */
export function parseDateList(text: string): readonly string[] {
  const issues: ImportIssue[] = [];
  const days: number[] = [];
  text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/).forEach((raw, i) => {
    const hash = raw.indexOf('#');
    const s = (hash < 0 ? raw : raw.slice(0, hash)).trim();
    if (s === '') return;
    if (!isIsoDate(s)) {
      if (issues.length < MAX_ISSUES) {
        issues.push({ line: i + 1, code: 'bad_date', message: `${JSON.stringify(s)} is not a valid YYYY-MM-DD date` });
      }
      return;
    }
    days.push(dayNumber(s));
  });
  if (issues.length > 0) throw new CalendarImportError(issues);
  return result(days, []).holidays;
}
