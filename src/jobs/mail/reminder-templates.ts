import { layout, payloadNumber, payloadString, type MessageTemplate, type TemplateSet } from './layout.js';

/** Message kinds of request reminders (issue 5 §8). */
export const REMINDER_KINDS = { dueSoon: 'reminder.due_soon', overdue: 'reminder.overdue' } as const;

function roleLine(role: string): 'outbox.reminder.role.officer' | 'outbox.reminder.role.supervisor' {
  return role === 'supervisor' ? 'outbox.reminder.role.supervisor' : 'outbox.reminder.role.officer';
}

/** Payload: `trackingNumber`, `dueDate`, `workingDaysLeft`, `role` (`officer` | `supervisor`), `path` (console link). */
const dueSoon: MessageTemplate = (p, ctx) => {
  const vars = { tracking: payloadString(p, 'trackingNumber'), due: payloadString(p, 'dueDate'), days: payloadNumber(p, 'workingDaysLeft') };
  return layout(ctx, {
    subject: ctx.t('outbox.reminder.due_soon.subject', vars),
    paragraphs: [ctx.t('outbox.reminder.due_soon.lead', vars), ctx.t(roleLine(payloadString(p, 'role')))],
    link: { href: ctx.publicUrl + payloadString(p, 'path'), label: ctx.t('outbox.reminder.open') },
  });
};

/** Payload: `trackingNumber`, `dueDate`, `overdueSince`, `role`, `path`. */
const overdue: MessageTemplate = (p, ctx) => {
  const vars = { tracking: payloadString(p, 'trackingNumber'), due: payloadString(p, 'dueDate'), since: payloadString(p, 'overdueSince') };
  return layout(ctx, {
    subject: ctx.t('outbox.reminder.overdue.subject', vars),
    paragraphs: [ctx.t('outbox.reminder.overdue.lead', vars), ctx.t(roleLine(payloadString(p, 'role')))],
    link: { href: ctx.publicUrl + payloadString(p, 'path'), label: ctx.t('outbox.reminder.open') },
  });
};

/** The reminder templates, by kind. */
export const REMINDER_TEMPLATES: TemplateSet = { [REMINDER_KINDS.dueSoon]: dueSoon, [REMINDER_KINDS.overdue]: overdue };
