/** Table types of the subscriptions area; `DB` in schema.ts extends this interface. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface SubscriptionTables {}
