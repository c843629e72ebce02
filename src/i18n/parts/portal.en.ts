import type { portalZh } from './portal.zh.js';

/** English messages of the portal area; the type makes a missing or extra key a compile error. */
export const portalEn: Record<keyof typeof portalZh, string> = {
};
