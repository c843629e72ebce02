/** Table types of the consultations area; `DB` in schema.ts extends this interface. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ConsultationTables {}
