import { invalid, type FieldIssue } from '../../domain/errors.js';
import { isWebhookEventType, type WebhookEventType } from '../../domain/webhooks/event-types.js';
import { checkWebhookUrl, type UrlPolicy } from '../../domain/webhooks/url-policy.js';

/** What staff give for an endpoint. */
export interface EndpointInput {
  url: string;
  description: string;
  event_types: readonly string[];
  include_subtree: boolean;
}

/** The checked form of `EndpointInput`. */
export interface CheckedEndpoint {
  url: string;
  description: string;
  eventTypes: WebhookEventType[];
  includeSubtree: boolean;
}

/** The permission that manages an agency's webhooks (admins and editors in scope). */
export const WEBHOOK_ACTION = 'agency.edit_profile' as const;

/**
 * Validates endpoint input: the URL by the SSRF policy (`domain/webhooks/url-policy.ts`), a
 * description of at most 200 characters without control characters, one or more known event
 * types. Throws `validation_failed` naming each bad field.
 */
export function checkEndpointInput(input: EndpointInput, policy: UrlPolicy): CheckedEndpoint {
  const issues: FieldIssue[] = [];
  const u = checkWebhookUrl(input.url, policy);
  if (!u.ok) issues.push({ field: 'url', code: input.url.trim() === '' ? 'required' : u.reason });
  const description = input.description.trim();
  if (description.length > 200) issues.push({ field: 'description', code: 'too_long' });
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(description)) issues.push({ field: 'description', code: 'control_chars' });
  const types = [...new Set(input.event_types)];
  if (types.length === 0) issues.push({ field: 'event_types', code: 'required' });
  else if (!types.every(isWebhookEventType)) issues.push({ field: 'event_types', code: 'invalid' });
  if (issues.length || !u.ok) throw invalid(issues);
  return { url: u.url, description, eventTypes: types.filter(isWebhookEventType), includeSubtree: input.include_subtree };
}
