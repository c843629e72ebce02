import type { pushZh } from './push.zh.js';

/** English messages of the push area; the type makes a missing or extra key a compile error. */
export const pushEn: Record<keyof typeof pushZh, string> = {
};
