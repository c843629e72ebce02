import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_FEE_CONFIG, type FeeConfig, perRequestFeeFen, perRequestMonthTotalFen, perVolumeFeeFen,
  quoteProcessingFee, validateFeeConfig,
} from './fees.js';

const CNY = 100; // fen

test('per request (按件): the fee of the n-th request in a month, at every boundary', () => {
  const cases: [number, number][] = [
    [1, 0], [10, 0], // 1–10 free
    [11, 100 * CNY], [30, 100 * CNY], // 11–30: 100
    [31, 200 * CNY], [40, 200 * CNY], // 31–40: 200
    [41, 300 * CNY], [50, 300 * CNY], // 41–50: 300
    [51, 400 * CNY], [60, 400 * CNY], [61, 500 * CNY],
  ];
  for (const [n, fee] of cases) assert.equal(perRequestFeeFen(n), fee, `request ${n}`);
});

test('per request: a month total adds each request at its own rate', () => {
  assert.equal(perRequestMonthTotalFen(10), 0);
  assert.equal(perRequestMonthTotalFen(11), 100 * CNY);
  assert.equal(perRequestMonthTotalFen(30), 20 * 100 * CNY); // 11–30: 20 × 100
  assert.equal(perRequestMonthTotalFen(31), (2_000 + 200) * CNY);
  assert.equal(perRequestMonthTotalFen(41), (2_000 + 10 * 200 + 300) * CNY); // 20×100 + 10×200 + 1×300
});

test('per volume (按量): progressive by page, at every boundary', () => {
  const cases: [number, number][] = [
    [0, 0], [30, 0],
    [31, 10 * CNY], // 1 × 10
    [100, 700 * CNY], // 70 × 10
    [101, 720 * CNY], // 70 × 10 + 1 × 20
    [150, 1_700 * CNY], // 70 × 10 + 50 × 20 (DOMAIN.md's example)
    [200, 2_700 * CNY], // 70 × 10 + 100 × 20
    [201, 2_740 * CNY], // 70 × 10 + 100 × 20 + 1 × 40
    [250, 4_700 * CNY], // … + 50 × 40
  ];
  for (const [pages, fee] of cases) assert.equal(perVolumeFeeFen(pages), fee, `${pages} pages`);
});

test('a quote uses one method and itemises the tiers', () => {
  const q = quoteProcessingFee({ method: 'per_volume', pages: 150 });
  assert.equal(q.method, 'per_volume');
  assert.equal(q.totalFen, 170_000);
  assert.deepEqual(q.lines, [
    { from: 1, to: 30, units: 30, unitFen: 0, subtotalFen: 0 },
    { from: 31, to: 100, units: 70, unitFen: 1_000, subtotalFen: 70_000 },
    { from: 101, to: 150, units: 50, unitFen: 2_000, subtotalFen: 100_000 },
  ]);
  const r = quoteProcessingFee({ method: 'per_request', requestNumberInMonth: 31 });
  assert.deepEqual(r, { method: 'per_request', totalFen: 20_000, lines: [{ from: 31, to: 31, units: 1, unitFen: 20_000, subtotalFen: 20_000 }] });
  assert.deepEqual(quoteProcessingFee({ method: 'per_volume', pages: 0 }).lines, []);
});

test('bad inputs and bad configs are refused', () => {
  assert.throws(() => perRequestFeeFen(0), { code: 'validation_failed' });
  assert.throws(() => perVolumeFeeFen(-1), { code: 'validation_failed' });
  assert.throws(() => perVolumeFeeFen(1.5), { code: 'validation_failed' });
  validateFeeConfig(DEFAULT_FEE_CONFIG);
  const unordered: FeeConfig = { ...DEFAULT_FEE_CONFIG, perRequest: { ...DEFAULT_FEE_CONFIG.perRequest, tiers: [{ upTo: 30, feeFen: 0 }, { upTo: 10, feeFen: 1 }] } };
  assert.throws(() => validateFeeConfig(unordered), { code: 'validation_failed' });
  const closed: FeeConfig = { ...DEFAULT_FEE_CONFIG, perVolume: { tiers: [{ upTo: 30, feePerPageFen: 0 }] } };
  assert.throws(() => validateFeeConfig(closed), { code: 'validation_failed' });
});

test('tiers are configuration', () => {
  const config: FeeConfig = {
    ...DEFAULT_FEE_CONFIG,
    perRequest: { tiers: [{ upTo: 5, feeFen: 0 }], beyond: { bandSize: 5, stepFen: 5_000 } },
  };
  assert.equal(perRequestFeeFen(5, config), 0);
  assert.equal(perRequestFeeFen(6, config), 5_000);
  assert.equal(perRequestFeeFen(11, config), 10_000);
});
