import type { Kysely } from 'kysely';
import type { DialectOps } from '../dialect/dialect.js';

/** ActivityPub: one actor per agency with its key pair, followers, activities and deliveries (issue 8 §4). */
export async function up(_db: Kysely<unknown>, _ops: DialectOps): Promise<void> {}
