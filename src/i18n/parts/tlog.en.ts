import type { tlogZh } from './tlog.zh.js';

/** English messages of the tlog area; the type makes a missing or extra key a compile error. */
export const tlogEn: Record<keyof typeof tlogZh, string> = {
  'tlog.key_missing':
    'The transparency-log signing key file {file} does not exist, but the database holds checkpoints signed by this log (tree size {size}). Refusing to start: a new key is never generated silently, since every checkpoint published so far would then fail to verify. Restore the file from a backup, or point GONGKAI_LOG_KEY_FILE at it.',
  'tlog.key_mismatch':
    'The key in the transparency-log signing key file {file} ({keyId}) did not sign the latest checkpoint in the database (tree size {size}). Refusing to start: restore the original key file that signed those checkpoints.',
  'tlog.key_malformed': 'The transparency-log signing key file {file} does not hold a valid signer key (one line, PRIVATE+KEY+…). Refusing to start.',
  'tlog.key_origin_mismatch': 'The transparency-log signing key file {file} belongs to the log "{keyName}", but the configured origin (GONGKAI_LOG_ORIGIN) is "{origin}". Refusing to start.',
  'tlog.origin_changed': 'The checkpoints in the database belong to the log "{stored}", but the configured origin (GONGKAI_LOG_ORIGIN) is "{origin}". An origin cannot change once used. Refusing to start.',
  'tlog.foreign_signer': 'The latest checkpoint in the database (tree size {size}) was not signed with this instance\'s key: another instance with a different key may be signing. Stopping signing to avoid a fork.',
  'tlog.witness_key_missing':
    'The witness key file {file} does not exist, but this instance has already cosigned checkpoints as a witness. Refusing to start: a new key is never generated silently, since every log configured with this witness\'s key would then reject its cosignatures. Restore the file from a backup, or point GONGKAI_WITNESS_KEY_FILE at it.',
  'tlog.witness_key_malformed': 'The witness key file {file} does not hold a valid witness signer key (one line, PRIVATE+KEY+…). Refusing to start.',
  'tlog.witness_key_name_mismatch': 'The witness key file {file} belongs to the witness "{keyName}", but the configured witness name (GONGKAI_WITNESS_NAME) is "{name}". Refusing to start.',
};
