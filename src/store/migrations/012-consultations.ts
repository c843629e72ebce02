import type { Kysely } from 'kysely';
import type { DialectOps } from '../dialect/dialect.js';

/** Consultations (意见征集): drafts open for comment, comments, moderation, reports, feedback summaries (issue 8 §1). */
export async function up(_db: Kysely<unknown>, _ops: DialectOps): Promise<void> {}
