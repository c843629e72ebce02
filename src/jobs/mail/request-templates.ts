import { layout, payloadString, type MessageTemplate, type Payload, type TemplateContext, type TemplateSet } from './layout.js';
import type { MessageKey } from '../../i18n/i18n.js';

/**
 * Messages about a request for information, to its applicant (e-mail) and its officers (console).
 * Payloads carry the tracking number and dates only; personal data never enters a message body.
 * The applicant's private link is not in the message: only its hash is stored (issue 5 §1).
 */
const KINDS = ['submitted', 'receipt_confirmed', 'correction_requested', 'extended', 'consultation_started', 'fee_notice', 'replied', 'closed'] as const;
type Kind = (typeof KINDS)[number];

function optional(p: Payload, key: string): string {
  const v = p[key];
  return v === null || v === undefined ? '' : String(v);
}

function vars(p: Payload): Record<string, string> {
  const fen = Number(p.amount_fen ?? 0);
  return {
    tracking: payloadString(p, 'tracking_number'),
    received: optional(p, 'received_on'),
    submitted: optional(p, 'submitted_on'),
    due: optional(p, 'due_date'),
    by: optional(p, 'supplement_by'),
    days: optional(p, 'days'),
    amount: (fen / 100).toFixed(2),
    pay_by: optional(p, 'due_on'),
    replied: optional(p, 'replied_on'),
  };
}

function template(kind: Kind): MessageTemplate {
  return (p: Payload, ctx: TemplateContext) => {
    const v = vars(p);
    const staff = p.audience === 'staff';
    const lead = (staff ? `outbox.request.staff.${kind}` : `outbox.request.${kind}`) as MessageKey; // every kind has both keys (see outbox.zh.ts)
    return layout(ctx, {
      subject: ctx.t(`outbox.request.subject.${kind}` as MessageKey, v), // as above
      paragraphs: [ctx.t(lead, v), staff ? '' : ctx.t('outbox.request.private_link')].filter(Boolean),
      link: staff ? { href: `${ctx.publicUrl}/admin/requests/${optional(p, 'request_id')}`, label: ctx.t('outbox.reminder.open') } : { href: `${ctx.publicUrl}/requests/track`, label: ctx.t('outbox.request.track') },
    });
  };
}

/** The request templates, by kind (`request.<kind>`). */
export const REQUEST_TEMPLATES: TemplateSet = Object.fromEntries(KINDS.map((k) => [`request.${k}`, template(k)]));
