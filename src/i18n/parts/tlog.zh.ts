/** zh-CN messages of the tlog area (the source of keys for `tlog.en.ts`). */
export const tlogZh = {
} as const;
