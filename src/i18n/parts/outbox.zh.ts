/** zh-CN messages of the outbox area (the source of keys for `outbox.en.ts`). */
export const outboxZh = {
} as const;
