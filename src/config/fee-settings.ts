import { readFileSync } from 'node:fs';
import { AppError } from '../domain/errors.js';
import { DEFAULT_FEE_CONFIG, validateFeeConfig, type FeeConfig } from '../domain/fees/fees.js';

/**
 * The fee tiers (国办函〔2020〕109号) in force: `GONGKAI_FEE_CONFIG` names a JSON file with the
 * same shape as `DEFAULT_FEE_CONFIG` (amounts in fen), so a jurisdiction whose measures differ, or
 * a later revision, changes data and not code. Refused at start, with the reason, when invalid.
 */
export function feeSettings(env: Record<string, string | undefined>): { feeConfig: FeeConfig } {
  const file = env.GONGKAI_FEE_CONFIG;
  if (!file) return { feeConfig: DEFAULT_FEE_CONFIG };
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new AppError('validation_failed', { message: `GONGKAI_FEE_CONFIG: cannot read ${file} as JSON (${e instanceof Error ? e.message : String(e)})` });
  }
  // validateFeeConfig checks every field and throws with the path of the first bad one.
  const config = parsed as FeeConfig;
  try {
    validateFeeConfig(config);
  } catch (e) {
    throw new AppError('validation_failed', { message: `GONGKAI_FEE_CONFIG: ${e instanceof Error ? e.message : String(e)}` });
  }
  return { feeConfig: config };
}
