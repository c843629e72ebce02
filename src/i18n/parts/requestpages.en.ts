import type { requestpagesZh } from './requestpages.zh.js';

/** English messages of the requestpages area; the type makes a missing or extra key a compile error. */
export const requestpagesEn: Record<keyof typeof requestpagesZh, string> = {
};
