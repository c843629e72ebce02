import type { messagesZh } from './messages.zh.js';

/** English messages of the messages area; the type makes a missing or extra key a compile error. */
export const messagesEn: Record<keyof typeof messagesZh, string> = {
};
