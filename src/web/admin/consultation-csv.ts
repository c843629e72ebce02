import type { RequestContext } from '../../http/request-context.js';
import { csvField } from '../../domain/reports/official-tables.js';
import type { StaffConsultation } from '../../queries/consultations.js';
import { codeText, paragraphLabel, wallClock } from '../public/consultation-parts.js';

/**
 * A cell of text typed by the public: a leading `=`, `+`, `-`, `@`, tab or carriage return would
 * make a spreadsheet read it as a formula (CSV injection, OWASP), so such a cell gets a leading
 * apostrophe.
 */
export function textCell(s: string): string {
  return csvField(/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);
}

/** The received comments of a consultation as CSV (UTF-8 with BOM, CRLF) for staff; no e-mail addresses. */
export function commentsCsv(ctx: RequestContext, v: StaffConsultation): string {
  const head = [ctx.t('cs.csv.no'), ctx.t('cs.csv.submitted_at'), ctx.t('cs.paragraph'), ctx.t('cs.admin.col_state'), ctx.t('cs.f.display_name'), ctx.t('cs.f.mode'), ctx.t('cs.f.body'), ctx.t('cs.csv.reports'), ctx.t('cs.csv.hidden_reason')];
  const lines = [head.map(csvField).join(',')];
  v.comments.forEach((c, i) => {
    const para = c.paragraph_no === null ? undefined : v.paragraphs.find((p) => p.no === c.paragraph_no);
    lines.push(
      [
        csvField(i + 1),
        csvField(wallClock(c.submitted_at, v.c.time_zone)),
        csvField(paragraphLabel(ctx, para, c.paragraph_no)),
        csvField(codeText(ctx, 'queue', c.state)),
        textCell(c.display_name),
        csvField(c.anonymous ? ctx.t('cs.mode.anonymous') : ctx.t('cs.admin.verified')),
        textCell(c.body_text),
        csvField(c.report_count),
        csvField(c.hidden_reason ? codeText(ctx, 'reason', c.hidden_reason) : ''),
      ].join(','),
    );
  });
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
