import { resolve } from 'node:path';
import { AppError } from '../domain/errors.js';
import { isValidOrigin } from '../tlog/checkpoint.js';

/**
 * The transparency log's origin (C2SP tlog-checkpoint §Note text: "the schema-less URL of the
 * log") and signing-key file, read from `GONGKAI_LOG_ORIGIN` and `GONGKAI_LOG_KEY_FILE`.
 *
 * - The origin defaults to the host (and any path) of the public URL followed by `/log`, where
 *   the routes are served: `https://gongkai.example.gov.cn` → `gongkai.example.gov.cn/log`. It is
 *   also the signing key's name, so it must have no spaces and no `+`; throws
 *   AppError('validation_failed') otherwise.
 * - The key file defaults to `<dataDir>/log-signing.key`.
 */
export function logSettings(env: Record<string, string | undefined>, publicUrl: string, dataDir: string): { logOrigin: string; logKeyFile: string } {
  const url = new URL(publicUrl);
  const origin = env.GONGKAI_LOG_ORIGIN || `${url.host}${url.pathname.replace(/\/+$/, '')}/log`;
  if (!isValidOrigin(origin)) {
    throw new AppError('validation_failed', { message: `GONGKAI_LOG_ORIGIN must be non-empty with no spaces and no "+", got "${origin}"` });
  }
  return { logOrigin: origin, logKeyFile: resolve(env.GONGKAI_LOG_KEY_FILE || resolve(dataDir, 'log-signing.key')) };
}
