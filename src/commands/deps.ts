import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../domain/clock.js';
import type { DialectOps } from '../store/dialect/dialect.js';
import type { DB } from '../store/schema.js';
import type { ScryptCost } from '../security/password.js';

/** Everything a command needs; built once by the composition root and injected. */
export interface Deps {
  db: Kysely<DB>;
  ops: DialectOps;
  clock: Clock;
  newId: () => string;
  passwordCost: ScryptCost;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  defaultTimeZone: string;
}


export type { Exec } from '../store/schema.js';

export const uuid = (): string => randomUUID();
