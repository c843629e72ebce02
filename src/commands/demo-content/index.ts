/**
 * The demo content (issue 3, §10): about two hundred fictional documents of the demo agencies,
 * covering every genre, used by the demo site, the tests and the benchmarks.
 */
import { BUDGETS } from './budgets.js';
import { LICENSING, PENALTIES } from './enforcement.js';
import { FEES } from './fees.js';
import { INTERPRETATIONS } from './interpretations.js';
import { NOTICES, OTHER } from './notices.js';
import { COUNTY_POLICIES } from './policies-county.js';
import { PROVINCE_POLICIES } from './policies-province.js';
import { YUNXI_POLICIES } from './policies-yunxi.js';
import { MAJOR_PROJECTS, PROCUREMENT } from './procurement.js';
import { ANNUAL_REPORTS, EMERGENCY, RECRUITMENT } from './public-service.js';
import { STATISTICS } from './statistics.js';
import { SUPERVISION } from './supervision.js';
import type { DemoDocument } from './types.js';

export type { DemoDocument } from './types.js';

/** Every demo document, grouped by family (not by date: a seeder publishes them in date order). */
export const DEMO_DOCUMENTS: readonly DemoDocument[] = [
  ...PROVINCE_POLICIES,
  ...YUNXI_POLICIES,
  ...COUNTY_POLICIES,
  ...INTERPRETATIONS,
  ...BUDGETS,
  ...FEES,
  ...STATISTICS,
  ...PROCUREMENT,
  ...MAJOR_PROJECTS,
  ...LICENSING,
  ...PENALTIES,
  ...SUPERVISION,
  ...NOTICES,
  ...RECRUITMENT,
  ...EMERGENCY,
  ...ANNUAL_REPORTS,
  ...OTHER,
];
