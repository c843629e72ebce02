/** Table types of the ActivityPub adapter; `DB` in schema.ts extends this interface. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ActivityPubTables {}
