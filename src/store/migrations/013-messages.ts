import type { Kysely } from 'kysely';
import type { DialectOps } from '../dialect/dialect.js';

/** Messages to agencies (政民互动): messages, assignment, transfers, answers, ratings (issue 8 §2). */
export async function up(_db: Kysely<unknown>, _ops: DialectOps): Promise<void> {}
