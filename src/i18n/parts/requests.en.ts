import type { requestsZh } from './requests.zh.js';

/** English messages of the requests area; the type makes a missing or extra key a compile error. */
export const requestsEn: Record<keyof typeof requestsZh, string> = {
};
