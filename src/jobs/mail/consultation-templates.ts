import { layout, payloadString, type Payload, type TemplateContext, type TemplateSet } from './layout.js';
import { wallClock } from '../../domain/consultations/wall-clock.js';

/**
 * The one-time link that verifies a consultation comment (issue 8 §1). The payload holds the
 * consultation's title and the link's path with the token (the consultation tables keep only its
 * hash); no comment text and no name, so the mail reveals nothing the recipient did not type.
 * Paths carry the language prefix of the page the comment came from.
 */
function verifyComment(p: Payload, ctx: TemplateContext) {
  const title = payloadString(p, 'title');
  const path = payloadString(p, 'path');
  const expires = payloadString(p, 'expires_at');
  const tz = payloadString(p, 'time_zone');
  return layout(ctx, {
    subject: ctx.t('cs.mail.subject', { title }),
    paragraphs: [ctx.t('cs.mail.body', { title }), ctx.t('cs.mail.expires', { at: wallClock(expires, tz), tz })],
    link: { href: `${ctx.publicUrl}${path}`, label: ctx.t('cs.mail.link') },
  });
}

/** The commenter is told a moderator's decision: published (after being held) or hidden, with the reason. */
function decided(kind: 'published' | 'hidden') {
  return (p: Payload, ctx: TemplateContext) => {
    const title = payloadString(p, 'title');
    const path = payloadString(p, 'path');
    const reason = kind === 'hidden' ? payloadString(p, 'reason') : '';
    const reasonText = ['spam', 'abusive', 'off_topic', 'personal_data'].includes(reason) ? ctx.t(`cs.reason.${reason as 'spam'}`) : reason; // checked against the reason list
    return layout(ctx, {
      subject: ctx.t(kind === 'hidden' ? 'cs.mail.hidden_subject' : 'cs.mail.published_subject', { title }),
      paragraphs: [kind === 'hidden' ? ctx.t('cs.mail.hidden_body', { title, reason: reasonText }) : ctx.t('cs.mail.published_body', { title })],
      link: { href: `${ctx.publicUrl}${path}`, label: ctx.t('cs.mail.open') },
    });
  };
}

/** E-mail templates of the consultation area (issue 8), by kind. */
export const CONSULTATION_TEMPLATES: TemplateSet = {
  'consultation.verify_comment': verifyComment,
  'consultation.comment_published': decided('published'),
  'consultation.comment_hidden': decided('hidden'),
};
