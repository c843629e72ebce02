import type { calendarsZh } from './calendars.zh.js';

/** English messages of the calendars area; the type makes a missing or extra key a compile error. */
export const calendarsEn: Record<keyof typeof calendarsZh, string> = {
};
