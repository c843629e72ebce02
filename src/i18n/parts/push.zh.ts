/** Chinese messages of the push area (issue 7/8). */
export const pushZh = {
} as const;
