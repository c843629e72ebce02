/**
 * The rules of a consultation (意见征集, issue 8 §1), pure: the comment window, where a new or
 * verified comment goes (published or the moderation queue), the moderation reasons and the
 * adoption decisions of the feedback summary.
 */
import type { PersonalDataKind } from '../pii.js';

/** Why a moderator hides a comment, and why a reader reports one. */
export const MODERATION_REASONS = ['spam', 'abusive', 'off_topic', 'personal_data'] as const;
export type ModerationReason = (typeof MODERATION_REASONS)[number];
export function isModerationReason(x: string): x is ModerationReason {
  return (MODERATION_REASONS as readonly string[]).includes(x);
}

/** The decision on one main point of the comments (采纳 / 部分采纳 / 未采纳). */
export const DECISIONS = ['adopted', 'partly_adopted', 'not_adopted'] as const;
export type Decision = (typeof DECISIONS)[number];
export function isDecision(x: string): x is Decision {
  return (DECISIONS as readonly string[]).includes(x);
}

export const MODERATION_MODES = ['pre', 'post'] as const;
export type ModerationMode = (typeof MODERATION_MODES)[number];

/** Where a consultation stands at an instant, for readers: before, during or after its window. */
export type Phase = 'upcoming' | 'open' | 'closed';

/**
 * The phase at `now`. The window is [starts_at, ends_at): a comment at the end instant is late.
 * A consultation closed by hand is closed whatever its end time; a scheduled one whose start
 * passed is open even before the periodic job records the opening.
 */
export function phaseAt(c: { state: string; starts_at: string; ends_at: string }, now: Date): Phase {
  if (c.state === 'closed') return 'closed';
  const t = now.getTime();
  if (t >= Date.parse(c.ends_at)) return 'closed';
  if (t < Date.parse(c.starts_at)) return 'upcoming';
  return 'open';
}

/** Where an admitted comment (anonymous, or just verified) goes. */
export interface Admission {
  state: 'pending' | 'published';
  queueReason: 'pre_moderation' | 'personal_data' | null;
}

/**
 * Personal data found in a comment always holds it for a moderator, even under post-moderation:
 * publishing first and hiding later would already have disclosed it. Otherwise pre-moderation
 * queues and post-moderation publishes.
 */
export function admit(mode: ModerationMode, piiKinds: readonly PersonalDataKind[]): Admission {
  if (piiKinds.length) return { state: 'pending', queueReason: 'personal_data' };
  if (mode === 'pre') return { state: 'pending', queueReason: 'pre_moderation' };
  return { state: 'published', queueReason: null };
}

/** Validity of the one-time verification link. */
export const VERIFY_TTL_HOURS = 48;

/** Limits of the comment form. */
export const COMMENT_MAX = 5000;
export const DISPLAY_NAME_MAX = 40;
