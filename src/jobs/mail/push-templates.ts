import { layout, payloadString, type MessageTemplate, type TemplateSet } from './layout.js';

/**
 * Payload: `url` (the endpoint), `agencyName`, `failingSince` (ISO instant of the first failure
 * since the last success), `path` (its console page).
 */
const disabled: MessageTemplate = (p, ctx) => {
  const vars = { url: payloadString(p, 'url'), agency: payloadString(p, 'agencyName'), since: payloadString(p, 'failingSince').replace('T', ' ').slice(0, 16) + ' UTC' };
  return layout(ctx, {
    subject: ctx.t('webhooks.mail.disabled_subject', vars),
    paragraphs: [ctx.t('webhooks.mail.disabled_lead', vars), ctx.t('webhooks.mail.disabled_next')],
    link: { href: ctx.publicUrl + payloadString(p, 'path'), label: ctx.t('webhooks.mail.open') },
  });
};

/** E-mail templates of the push area (issue 8), by kind. */
export const PUSH_TEMPLATES: TemplateSet = { 'webhook.disabled': disabled };
