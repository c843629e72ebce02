/** zh-CN messages of the portal area (the source of keys for `portal.en.ts`). */
export const portalZh = {
} as const;
