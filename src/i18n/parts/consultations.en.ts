import type { consultationsZh } from './consultations.zh.js';

/** English messages of the consultations area; the type makes a missing or extra key a compile error. */
export const consultationsEn: Record<keyof typeof consultationsZh, string> = {
};
