import type { Kysely } from 'kysely';
import type { DialectOps } from '../dialect/dialect.js';

/** Push channels: webhook endpoints, secrets, deliveries; ActivityPub actors, followers, deliveries (issue 8 §4). */
export async function up(_db: Kysely<unknown>, _ops: DialectOps): Promise<void> {}
