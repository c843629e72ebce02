/** Chinese messages of the opendata area (issue 7/8). */
export const opendataZh = {
} as const;
