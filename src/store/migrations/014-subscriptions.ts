import type { Kysely } from 'kysely';
import type { DialectOps } from '../dialect/dialect.js';

/** Subscriptions: subscribers, double opt-in, subscriptions, digests, suppression list (issue 8 §3). */
export async function up(_db: Kysely<unknown>, _ops: DialectOps): Promise<void> {}
