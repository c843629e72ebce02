import type { MessageKey } from '../../i18n/i18n.js';
import { layout, payloadString, TemplateError, type MessageTemplate, type Payload, type TemplateContext, type TemplateSet } from './layout.js';

/**
 * E-mail of the subscription area (issue 8 §3): the double opt-in confirmation, the "already
 * subscribed" reminder, the immediate notice of one event and the daily or weekly digest.
 * Every mail sent because of a subscription carries RFC 2369 / RFC 8058 headers: a POST to the
 * `List-Unsubscribe` URL with `List-Unsubscribe=One-Click` removes every subscription of the
 * address without further confirmation. Payloads hold public event data, the labels the person
 * chose, and the signed management path; never another person's data.
 */

function listHeaders(p: Payload, ctx: TemplateContext): Record<string, string> {
  return {
    'List-Unsubscribe': `<${ctx.publicUrl}${payloadString(p, 'unsubscribe_path')}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    'List-Id': `<subscriptions.${/^[a-z]+:\/\/([^/:]+)/i.exec(ctx.publicUrl)?.[1] ?? 'localhost'}>`,
  };
}

function personalLinks(p: Payload, ctx: TemplateContext) {
  return [
    { href: ctx.publicUrl + payloadString(p, 'manage_path'), label: ctx.t('sub.mail.manage') },
    { href: ctx.publicUrl + payloadString(p, 'unsubscribe_path'), label: ctx.t('sub.mail.unsubscribe') },
  ];
}

function freqLabel(ctx: TemplateContext, f: string): string {
  if (f !== 'immediate' && f !== 'daily' && f !== 'weekly') throw new TemplateError(`bad frequency ${f}`);
  return ctx.t(`sub.freq.${f}`);
}

const confirm: MessageTemplate = (p, ctx) => {
  const label = payloadString(p, 'label');
  return layout(ctx, {
    subject: ctx.t('sub.mail.confirm.subject', { label }),
    paragraphs: [ctx.t('sub.mail.confirm.lead', { label, frequency: freqLabel(ctx, payloadString(p, 'frequency')) }), ctx.t('sub.mail.confirm.ignore')],
    link: { href: ctx.publicUrl + payloadString(p, 'confirm_path'), label: ctx.t('sub.mail.confirm.open') },
  });
};

const already: MessageTemplate = (p, ctx) => {
  const label = payloadString(p, 'label');
  return layout(ctx, { subject: ctx.t('sub.mail.already.subject', { label }), paragraphs: [ctx.t('sub.mail.already.lead', { label })], links: personalLinks(p, ctx), headers: listHeaders(p, ctx) });
};

type Summary = { event_kind: string; title: string; index_number: string; path: string; agency_zh: string; agency_en: string; note: string };

function summaryOf(v: Payload | Payload[string]): Summary {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new TemplateError('event summary must be an object');
  const o = v as Payload; // checked just above: a JSON object
  return { event_kind: payloadString(o, 'event_kind'), title: payloadString(o, 'title'), index_number: payloadString(o, 'index_number'), path: payloadString(o, 'path'), agency_zh: payloadString(o, 'agency_zh'), agency_en: payloadString(o, 'agency_en'), note: payloadString(o, 'note') };
}

function eventWord(ctx: TemplateContext, kind: string): string {
  const key = `sub.event.${kind.startsWith('consultation.') ? 'consultation' : kind}`;
  const known = ['sub.event.document.published', 'sub.event.document.corrected', 'sub.event.document.withdrawn', 'sub.event.document.validity_changed', 'sub.event.consultation'];
  return known.includes(key) ? ctx.t(key as MessageKey) : kind; // key is one of the listed message keys
}

const notice: MessageTemplate = (p, ctx) => {
  const s = summaryOf(p);
  const agency = ctx.locale === 'en' && s.agency_en ? s.agency_en : s.agency_zh;
  const suffix = s.event_kind.startsWith('consultation.') ? 'consultation' : s.event_kind.replace(/^document\./, '');
  if (!['published', 'corrected', 'withdrawn', 'validity_changed', 'consultation'].includes(suffix)) throw new TemplateError(`no subject for ${s.event_kind}`);
  const labels = p.labels;
  if (!Array.isArray(labels) || !labels.every((l) => typeof l === 'string')) throw new TemplateError('labels must be strings');
  const paragraphs = [`${eventWord(ctx, s.event_kind)} · ${ctx.t('sub.mail.notice.lead', { agency, title: s.title })}`];
  if (s.index_number) paragraphs.push(ctx.t('sub.mail.notice.index', { index: s.index_number }));
  if (s.note) paragraphs.push(ctx.t('sub.mail.notice.note', { note: s.note }));
  paragraphs.push(ctx.t('sub.mail.notice.because', { labels: labels.join(ctx.locale === 'en' ? '; ' : '；') }));
  return layout(ctx, {
    subject: ctx.t(`sub.mail.notice.subject.${suffix}` as MessageKey, { title: s.title }), // suffix checked against the five subjects above
    paragraphs,
    link: { href: ctx.publicUrl + s.path, label: ctx.t('sub.mail.open') },
    links: personalLinks(p, ctx),
    headers: listHeaders(p, ctx),
  });
};

const digest: MessageTemplate = (p, ctx) => {
  const frequency = payloadString(p, 'frequency');
  if (frequency !== 'daily' && frequency !== 'weekly') throw new TemplateError('bad digest frequency');
  const groups = p.groups;
  if (!Array.isArray(groups)) throw new TemplateError('groups must be a list');
  const paragraphs: string[] = [];
  let n = 0;
  for (const g of groups) {
    if (typeof g !== 'object' || g === null || Array.isArray(g)) throw new TemplateError('group must be an object');
    const grp = g as Payload; // checked just above
    const events = grp.events;
    if (!Array.isArray(events)) throw new TemplateError('group events must be a list');
    const more = typeof grp.more === 'number' ? grp.more : 0;
    const lines = [ctx.t('sub.mail.digest.group', { label: payloadString(grp, 'label') })];
    for (const e of events) {
      const s = summaryOf(e);
      const agency = ctx.locale === 'en' && s.agency_en ? s.agency_en : s.agency_zh;
      lines.push(`· ${eventWord(ctx, s.event_kind)} · ${agency ? `${agency}：` : ''}${s.title}\n  ${ctx.publicUrl}${s.path}`);
      n++;
    }
    if (more) lines.push(ctx.t('sub.mail.digest.more', { n: more }));
    n += more;
    paragraphs.push(lines.join('\n'));
  }
  return layout(ctx, {
    subject: ctx.t(frequency === 'daily' ? 'sub.mail.digest.subject.daily' : 'sub.mail.digest.subject.weekly', { period: payloadString(p, 'period') }),
    paragraphs: [ctx.t('sub.mail.digest.lead', { n }), ...paragraphs],
    links: personalLinks(p, ctx),
    headers: listHeaders(p, ctx),
  });
};

/** E-mail templates of the subscription area (issue 8), by kind. */
export const SUBSCRIPTION_TEMPLATES: TemplateSet = {
  'subscription.confirm': confirm,
  'subscription.already': already,
  'subscription.notice': notice,
  'subscription.digest': digest,
};
