/** zh-CN messages of the requestpages area (the source of keys for `requestpages.en.ts`). */
export const requestpagesZh = {
} as const;
