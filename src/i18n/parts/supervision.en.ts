import type { supervisionZh } from './supervision.zh.js';

/** English messages of the supervision area; the type makes a missing or extra key a compile error. */
export const supervisionEn: Record<keyof typeof supervisionZh, string> = {
};
