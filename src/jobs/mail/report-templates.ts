import { layout, payloadString, type MessageTemplate, type TemplateSet } from './layout.js';

/** Message kind of the annual-report reminder (Art. 49–50). */
export const REPORT_REMINDER_KIND = 'report.reminder';

/** Payload: `agencyName`, `year` (the report year), `dueBy` (YYYY-MM-DD), `path` (console link). */
const reminder: MessageTemplate = (p, ctx) => {
  const vars = { agency: payloadString(p, 'agencyName'), year: payloadString(p, 'year'), due: payloadString(p, 'dueBy') };
  return layout(ctx, {
    subject: ctx.t('outbox.report_reminder.subject', vars),
    paragraphs: [ctx.t('outbox.report_reminder.lead', vars)],
    link: { href: ctx.publicUrl + payloadString(p, 'path'), label: ctx.t('outbox.report_reminder.open') },
  });
};

/** The annual-report templates, by kind. */
export const REPORT_TEMPLATES: TemplateSet = { [REPORT_REMINDER_KIND]: reminder };
