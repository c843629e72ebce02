/** Chinese messages of the subscriptions area (issue 7/8). */
export const subscriptionsZh = {
} as const;
