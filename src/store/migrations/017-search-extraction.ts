import type { Kysely } from 'kysely';
import type { DialectOps } from '../dialect/dialect.js';

/** Search: background extraction of attachment text (issue 6 §1). */
export async function up(_db: Kysely<unknown>, _ops: DialectOps): Promise<void> {}
