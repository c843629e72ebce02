/**
 * The event types a webhook endpoint can ask for (issue 8 §4): documents published, corrected,
 * withdrawn or changed in validity; consultations opened, closed or answered with their feedback
 * summary; replies to messages published. The names are those of the platform events
 * (`commands/events.ts`), so a new kind there is one line here.
 */
export const WEBHOOK_EVENT_TYPES = [
  'document.published',
  'document.corrected',
  'document.withdrawn',
  'document.validity_changed',
  'consultation.opened',
  'consultation.closed',
  'consultation.summary_published',
  'message.answer_published',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export function isWebhookEventType(x: string): x is WebhookEventType {
  return (WEBHOOK_EVENT_TYPES as readonly string[]).includes(x);
}
