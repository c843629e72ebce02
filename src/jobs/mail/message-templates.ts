import { MESSAGE_MAIL } from '../../commands/messages/message-context.js';
import type { MessageKey } from '../../i18n/i18n.js';
import { layout, payloadString, type MessageTemplate, type Payload, type TemplateContext, type TemplateSet } from './layout.js';

/**
 * Messages about a message to an agency (issue 8 §2): to the sender by e-mail (received,
 * transferred, answered, redirected to another channel) and to staff (console notice of a new or
 * transferred message; overdue escalation to supervisors by console and e-mail). Payloads carry
 * the tracking number, agency names, dates and a site path (`path`); never the sender's personal
 * data. The sender's private link is not in the message (only its hash is stored).
 */
export const MESSAGE_TEMPLATE_KINDS = MESSAGE_MAIL;

type Kind = keyof typeof MESSAGE_TEMPLATE_KINDS;

function optional(p: Payload, key: string): string {
  const v = p[key];
  return v === null || v === undefined ? '' : String(v);
}

function channelLabel(ctx: TemplateContext, channel: string): string {
  const key = `msg.channel.${channel}`;
  // The channel is one of REDIRECT_CHANNELS, each with a key in messages.zh.ts; else shown as is.
  return ['information_request', 'reconsideration', 'litigation', 'petition', 'other'].includes(channel) ? ctx.t(key as MessageKey) : channel;
}

function template(kind: Kind): MessageTemplate {
  return (p, ctx) => {
    const vars = {
      tracking: payloadString(p, 'trackingNumber'),
      // English mail names agencies in English when the payload has the name (sender mail does).
      agency: (ctx.locale === 'en' && optional(p, 'agencyEn')) || optional(p, 'agency'),
      from: (ctx.locale === 'en' && optional(p, 'fromAgencyEn')) || optional(p, 'fromAgency'),
      reason: optional(p, 'reason'),
      due: optional(p, 'dueDate'),
      since: optional(p, 'overdueSince'),
      on: optional(p, 'answeredOn'),
      channel: channelLabel(ctx, optional(p, 'channel')),
      note: optional(p, 'note'),
    };
    // A console notice of an assignment reads differently from one of a new message.
    const key = kind === 'received' && p.assigned === true ? 'assigned' : kind;
    const paragraphs = [ctx.t(`msg.mail.${key}.lead` as MessageKey, vars)]; // every kind has its lead key (messages.zh.ts)
    if (kind === 'redirected' && vars.note) paragraphs.push(ctx.t('msg.mail.redirected.note', vars));
    if (kind === 'redirected' && optional(p, 'link')) paragraphs.push(`${ctx.t('msg.mail.redirected.link')}: ${ctx.publicUrl}${optional(p, 'link')}`);
    if (['submitted', 'transferred', 'answered', 'redirected'].includes(kind)) paragraphs.push(ctx.t('msg.mail.private_link'));
    const staff = kind === 'received' || kind === 'overdue';
    return layout(ctx, {
      subject: ctx.t(`msg.mail.${key}.subject` as MessageKey, vars), // as above
      paragraphs,
      link: { href: ctx.publicUrl + payloadString(p, 'path'), label: staff ? ctx.t('outbox.reminder.open') : ctx.t('msg.mail.track') },
    });
  };
}

/** E-mail templates of the message area (issue 8), by kind. */
export const MESSAGE_TEMPLATES: TemplateSet = Object.fromEntries(Object.entries(MESSAGE_TEMPLATE_KINDS).map(([k, kind]) => [kind, template(k as Kind)])); // keys of MESSAGE_TEMPLATE_KINDS are Kind
