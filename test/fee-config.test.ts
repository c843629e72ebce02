import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { feeSettings } from '../src/config/fee-settings.js';
import { DEFAULT_FEE_CONFIG, quoteProcessingFee, type FeeConfig } from '../src/domain/fees/fees.js';
import { AppError } from '../src/domain/errors.js';
import { buildApp } from './helpers/app.js';

describe('fee tiers come from configuration', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-fees-'));
  const custom: FeeConfig = { ...DEFAULT_FEE_CONFIG, perVolume: { tiers: [{ upTo: 50, feePerPageFen: 0 }, { upTo: null, feePerPageFen: 500 }] } };
  const good = join(dir, 'fees.json');
  writeFileSync(good, JSON.stringify(custom));

  test('a JSON file replaces the default tiers; the platform quotes with them', async () => {
    assert.deepEqual(feeSettings({}).feeConfig, DEFAULT_FEE_CONFIG);
    const { feeConfig } = feeSettings({ GONGKAI_FEE_CONFIG: good });
    assert.equal(quoteProcessingFee({ method: 'per_volume', pages: 60 }, feeConfig).totalFen, 10 * 500);
    assert.equal(quoteProcessingFee({ method: 'per_volume', pages: 60 }).totalFen, 30 * 1_000);
    const p = await buildApp({ env: { GONGKAI_FEE_CONFIG: good } });
    try {
      assert.deepEqual(p.app.deps.feeConfig, custom);
    } finally {
      await p.dispose();
    }
  });

  test('an unreadable or invalid file is refused at start with the reason', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...custom, perVolume: { tiers: [] } }));
    assert.throws(() => feeSettings({ GONGKAI_FEE_CONFIG: bad }), (e) => e instanceof AppError && /GONGKAI_FEE_CONFIG/.test(e.message));
    assert.throws(() => feeSettings({ GONGKAI_FEE_CONFIG: join(dir, 'missing.json') }), (e) => e instanceof AppError && /cannot read/.test(e.message));
  });
});
