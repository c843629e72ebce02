import type { Kysely } from 'kysely';
import type { Clock } from '../domain/clock.js';
import { uuid7 } from '../domain/uuid7.js';
import type { DialectOps } from '../store/dialect/dialect.js';
import type { DB } from '../store/schema.js';
import type { ScryptCost } from '../security/password.js';
import type { BlobStore } from '../blobs/blob-store.js';
import type { FeeConfig } from '../domain/fees/fees.js';

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
  /** Attachment bytes, content-addressed. */
  blobs: BlobStore;
  /** Largest accepted upload in bytes. */
  uploadMaxBytes: number;
  /** Where uploads are staged while being checked (same file system as the blob store). */
  uploadTmpDir: string;
  /** This instance's public host name, named in transparency-log entries. */
  instance: string;
  /** The information-processing fee tiers in force. */
  feeConfig: FeeConfig;
}


export type { Exec } from '../store/schema.js';

/** Row ids: time-ordered UUIDv7 (see uuid7.ts). */
export const uuid = (): string => uuid7();
