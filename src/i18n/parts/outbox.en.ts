import type { outboxZh } from './outbox.zh.js';

/** English messages of the outbox area; the type makes a missing or extra key a compile error. */
export const outboxEn: Record<keyof typeof outboxZh, string> = {
  'outbox.reminder.due_soon.subject': '[Reminder] Information request {tracking} is due on {due}',
  'outbox.reminder.due_soon.lead': 'The reply to information request {tracking} is due on {due}: {days} working day(s) left.',
  'outbox.reminder.overdue.subject': '[Overdue] Information request {tracking} has passed its deadline',
  'outbox.reminder.overdue.lead': 'The reply to information request {tracking} was due on {due} and has been overdue since {since}. Please deal with it now.',
  'outbox.reminder.role.officer': 'You are the officer handling this request.',
  'outbox.reminder.role.supervisor': 'You supervise the officer handling this request.',
  'outbox.reminder.open': 'Open the request in the console',
  'outbox.mail.footer': 'This message was sent automatically by the open-government information platform. Please do not reply to it.',
  'outbox.status.pending': 'Waiting',
  'outbox.status.sending': 'Sending',
  'outbox.status.sent': 'Sent',
  'outbox.status.held': 'Held: no mail server configured',
  'outbox.status.failed': 'Failed',
  'outbox.error.smtp_not_configured': 'No SMTP server is configured (GONGKAI_SMTP_URL); the message is kept in the outbox and will be sent once one is.',
  'outbox.error.no_address': 'The recipient has no e-mail address.',
  'outbox.error.no_template': 'There is no template for messages of kind {kind}.',
};
