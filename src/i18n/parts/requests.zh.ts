/** zh-CN messages of the requests area (the source of keys for `requests.en.ts`). */
export const requestsZh = {
} as const;
