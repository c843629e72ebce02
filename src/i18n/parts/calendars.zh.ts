/** zh-CN messages of the calendars area (the source of keys for `calendars.en.ts`). */
export const calendarsZh = {
} as const;
