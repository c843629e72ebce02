import { DEFAULT_LOCALE, LOCALES, translator, type Locale } from '../../i18n/i18n.js';
import { TemplateError, type Payload, type RenderedMessage, type TemplateSet } from './layout.js';
import { REMINDER_TEMPLATES } from './reminder-templates.js';
import { REQUEST_TEMPLATES } from './request-templates.js';
import { REPORT_TEMPLATES } from './report-templates.js';
import { CONSULTATION_TEMPLATES } from './consultation-templates.js';
import { MESSAGE_TEMPLATES } from './message-templates.js';
import { SUBSCRIPTION_TEMPLATES } from './subscription-templates.js';
import { PUSH_TEMPLATES } from './push-templates.js';

/** Every message kind the platform sends. Other areas add theirs here. */
export const DEFAULT_TEMPLATES: TemplateSet = { ...REMINDER_TEMPLATES, ...REQUEST_TEMPLATES, ...REPORT_TEMPLATES, ...CONSULTATION_TEMPLATES, ...MESSAGE_TEMPLATES, ...SUBSCRIPTION_TEMPLATES, ...PUSH_TEMPLATES };

/** The stored locale tag as a supported locale (the default for an unknown tag). */
export function localeOf(tag: string): Locale {
  return LOCALES.find((l) => l === tag) ?? DEFAULT_LOCALE;
}

/** The JSON payload text of an outbox row as an object; throws `TemplateError` for other JSON. */
export function parsePayload(text: string): Payload {
  const v: unknown = JSON.parse(text);
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new TemplateError('payload must be a JSON object');
  const out: { [key: string]: Payload[string] } = {};
  // Values came from JSON.parse, so each is a JSON value.
  for (const [k, x] of Object.entries(v)) out[k] = x as Payload[string];
  return out;
}

/**
 * Renders a message of `kind` in `locale` with `templates`; throws `TemplateError` when the kind
 * has no template or the payload does not fit it.
 */
export function renderMessage(templates: TemplateSet, kind: string, payload: Payload, locale: Locale, publicUrl: string): RenderedMessage {
  const template = templates[kind];
  const t = translator(locale);
  if (!template) throw new TemplateError(t('outbox.error.no_template', { kind }));
  return template(payload, { locale, t, publicUrl });
}
