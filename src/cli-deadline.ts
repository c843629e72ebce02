import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { calculateDeadline } from './commands/calendars/calculate-deadline.js';
import { parseDateList } from './domain/calendar/calendar-import.js';
import { REGIMES, type RegimeId } from './domain/calendar/regimes.js';
import { dayNumber, yearOf } from './domain/calendar/iso-date.js';
import { WorkingCalendar } from './domain/calendar/working-calendar.js';
import { AppError } from './domain/errors.js';

/**
 * A calendar made only of the holidays in `text` (one `YYYY-MM-DD` a line, `#` comments): it
 * REPLACES the regime's built-in holidays and adjusted working days; Saturdays and Sundays stay
 * non-working (issue 5 §3). The years the listed dates fall in count as covered; a computation
 * reaching another year warns, as with the built-in data.
 */
export function calendarFromHolidayList(id: string, text: string): WorkingCalendar {
  const holidays = parseDateList(text);
  return new WorkingCalendar({ id, holidays, workingDays: [], years: [...new Set(holidays.map((d) => yearOf(dayNumber(d))))] });
}

/**
 * `gongkai deadline --regime <id> --from <YYYY-MM-DD> [--days <N>] [--calendar <file>]`: prints the
 * due date and nothing else on stdout; warnings (a year without holiday data) go to stderr, one a
 * line. Needs no database. Bad input exits 3 with one line on stderr (the CLI's error handler).
 */
export function registerDeadlineCommand(program: Command): void {
  program
    .command('deadline')
    .description('print the due date (YYYY-MM-DD) of a request received on --from; no database needed')
    .requiredOption('--regime <id>', Object.keys(REGIMES).join(' | '))
    .requiredOption('--from <date>', 'day of receipt, YYYY-MM-DD (day 0)')
    .option('--days <n>', "reply period in days, replacing the regime's")
    .option('--calendar <file>', "holiday dates, one YYYY-MM-DD a line, replacing the regime's built-in holidays (weekends stay non-working)")
    .action((o: { regime: string; from: string; days?: string; calendar?: string }) => {
      let custom: WorkingCalendar | undefined;
      if (o.calendar !== undefined) {
        let text: string;
        try {
          text = readFileSync(o.calendar, 'utf8');
        } catch (e) {
          const code = e instanceof Error && 'code' in e && typeof e.code === 'string' ? e.code : 'error';
          throw new AppError('validation_failed', { fields: [{ field: '--calendar', code: 'unreadable', message: `cannot read ${o.calendar}: ${code}` }] });
        }
        const regime = Object.hasOwn(REGIMES, o.regime) ? REGIMES[o.regime as RegimeId] : null; // checked by hasOwn just before
        custom = calendarFromHolidayList(regime?.calendar ?? 'custom', text);
      }
      const a = calculateDeadline({ regime: o.regime, from: o.from, days: o.days }, custom);
      for (const w of a.warnings) {
        const detail = w.code === 'calendar_year_without_data' ? `calendar ${w.calendar} has no holiday data for ${w.year}; counted Monday to Friday` : w.code;
        process.stderr.write(`warning: ${detail}\n`);
      }
      process.stdout.write(`${a.dueDate}\n`);
    });
}
