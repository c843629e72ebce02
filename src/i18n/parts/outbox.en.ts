import type { outboxZh } from './outbox.zh.js';

/** English messages of the outbox area; the type makes a missing or extra key a compile error. */
export const outboxEn: Record<keyof typeof outboxZh, string> = {
};
