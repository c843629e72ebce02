import type { tlogZh } from './tlog.zh.js';

/** English messages of the tlog area; the type makes a missing or extra key a compile error. */
export const tlogEn: Record<keyof typeof tlogZh, string> = {
};
