import type { Locale, T } from '../../i18n/i18n.js';
import type { Json } from '../../store/repos/outbox-repo.js';

/** A message rendered for one locale: e-mail subject, plain text and HTML; console title and link. */
export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
  /** Absolute link the message points to, or null. */
  link: string | null;
  /** Extra e-mail headers of this message (e.g. RFC 8058 `List-Unsubscribe`), added to the envelope. */
  headers?: Record<string, string>;
}

/** What a template may use besides its payload. */
export interface TemplateContext {
  locale: Locale;
  t: T;
  /** The instance's public base URL (no trailing slash), for absolute links. */
  publicUrl: string;
}

/** An outbox payload: a JSON object. */
export type Payload = { readonly [key: string]: Json };

/**
 * Renders one kind of message. Must be deterministic (same payload and locale, same bytes), so
 * a redelivered e-mail is identical to the first; throws `TemplateError` for a payload it
 * cannot render (a permanent failure: retrying cannot help).
 */
export type MessageTemplate = (payload: Payload, ctx: TemplateContext) => RenderedMessage;

/** Templates by message kind. */
export type TemplateSet = Readonly<Record<string, MessageTemplate>>;

/** A payload a template cannot render, or a kind with no template. Never retried. */
export class TemplateError extends Error {
  override name = 'TemplateError';
}

/** The string field `key` of a payload; throws `TemplateError` when absent or not a string. */
export function payloadString(p: Payload, key: string): string {
  const v = p[key];
  if (typeof v !== 'string') throw new TemplateError(`payload field ${key} must be a string`);
  return v;
}

/** The number field `key` of a payload; throws `TemplateError` when absent or not a number. */
export function payloadNumber(p: Payload, key: string): number {
  const v = p[key];
  if (typeof v !== 'number') throw new TemplateError(`payload field ${key} must be a number`);
  return v;
}

/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * The common shape of every message: paragraphs, an optional link, the automatic-mail footer.
 * Every value is text: the HTML part escapes all of it, so payload data cannot inject markup.
 */
export function layout(
  ctx: TemplateContext,
  m: { subject: string; paragraphs: readonly string[]; link?: { href: string; label: string }; links?: readonly { href: string; label: string }[]; headers?: Record<string, string> },
): RenderedMessage {
  const footer = ctx.t('outbox.mail.footer');
  const textParts = [...m.paragraphs];
  if (m.link) textParts.push(`${m.link.label}: ${m.link.href}`);
  for (const l of m.links ?? []) textParts.push(`${l.label}: ${l.href}`);
  textParts.push('--', footer);
  const p = (s: string) => `<p>${escapeHtml(s)}</p>`;
  const html = [
    '<!DOCTYPE html>',
    `<html lang="${escapeHtml(ctx.locale)}"><head><meta charset="utf-8"><title>${escapeHtml(m.subject)}</title></head>`,
    '<body style="font-family: sans-serif; line-height: 1.6; color: #1a1a1a">',
    ...m.paragraphs.map(p),
    ...(m.link ? [`<p><a href="${escapeHtml(m.link.href)}">${escapeHtml(m.link.label)}</a></p>`] : []),
    ...(m.links ?? []).map((l) => `<p><a href="${escapeHtml(l.href)}">${escapeHtml(l.label)}</a></p>`),
    `<hr><p style="color: #555; font-size: smaller">${escapeHtml(footer)}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject: m.subject, text: textParts.join('\n\n') + '\n', html, link: m.link?.href ?? null, ...(m.headers ? { headers: m.headers } : {}) };
}
