import type { Command } from 'commander';
import type { AppContext } from './app.js';
import { SYSTEM_ACTOR } from './commands/actor.js';
import { AppError, invalid } from './domain/errors.js';
import { agencyByCode } from './queries/agencies.js';
import { annualReportCsv, annualReportForStaff, annualReportHtml, annualReportJson } from './queries/annual-report.js';

type WithApp = <T>(fn: (app: AppContext) => Promise<T>) => Promise<T>;

const FORMATS = ['json', 'csv', 'html'] as const;

/**
 * `gongkai annual-report --agency <code> --year <YYYY> [--format json|csv|html]`: prints the
 * agency's annual report (Art. 49–50; 国办公开办函〔2021〕30号) for the year: the published report,
 * or the draft computed from the records. JSON has `table2`, `table3`, `table4` (each
 * `{ columns, rows: [{ label, values }] }`, official labels and order) and `identities`.
 */
export function registerAnnualReportCommand(program: Command, withApp: WithApp): void {
  program
    .command('annual-report')
    .description('print the annual report (政府信息公开工作年度报告) of an agency for a year: draft or published')
    .requiredOption('--agency <code>', 'agency code')
    .requiredOption('--year <YYYY>', 'report year')
    .option('--format <format>', FORMATS.join(' | '), 'json')
    .action(async (o: { agency: string; year: string; format: string }) => {
      // Widening the tuple to strings only to search it.
      if (!(FORMATS as readonly string[]).includes(o.format)) throw invalid([{ field: '--format', code: 'invalid', message: `one of ${FORMATS.join(', ')}` }]);
      if (!/^\d{4}$/.test(o.year)) throw invalid([{ field: '--year', code: 'invalid', message: 'YYYY' }]);
      await withApp(async (app) => {
        const agency = await agencyByCode(app.deps, o.agency);
        if (!agency) throw new AppError('agency_not_found');
        const v = await annualReportForStaff(app.deps, SYSTEM_ACTOR, agency.id, Number(o.year));
        const out = o.format === 'csv' ? annualReportCsv(v) : o.format === 'html' ? annualReportHtml(v) : `${JSON.stringify(annualReportJson(v), null, 2)}\n`;
        process.stdout.write(out);
      });
    });
}
