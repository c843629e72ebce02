import type { opendataZh } from './opendata.zh.js';

/** English messages of the opendata area; the type makes a missing or extra key a compile error. */
export const opendataEn: Record<keyof typeof opendataZh, string> = {
};
