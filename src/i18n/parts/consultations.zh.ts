/** Chinese messages of the consultations area (issue 7/8). */
export const consultationsZh = {
} as const;
