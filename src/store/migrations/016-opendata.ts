import type { Kysely } from 'kysely';
import type { DialectOps } from '../dialect/dialect.js';

/** Open data: bulk export runs and their files (issue 7 §4). */
export async function up(_db: Kysely<unknown>, _ops: DialectOps): Promise<void> {}
