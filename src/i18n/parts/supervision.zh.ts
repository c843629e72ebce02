/** Chinese messages of the supervision area (issue 7/8). */
export const supervisionZh = {
} as const;
