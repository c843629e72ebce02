/** Chinese messages of the messages area (issue 7/8). */
export const messagesZh = {
} as const;
