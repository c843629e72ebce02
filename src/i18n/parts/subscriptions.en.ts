import type { subscriptionsZh } from './subscriptions.zh.js';

/** English messages of the subscriptions area; the type makes a missing or extra key a compile error. */
export const subscriptionsEn: Record<keyof typeof subscriptionsZh, string> = {
};
