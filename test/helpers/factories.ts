import type { Deps } from '../../src/commands/deps.js';
import { SYSTEM_ACTOR } from '../../src/commands/actor.js';
import { createAgency } from '../../src/commands/create-agency.js';
import { createUser, grantRole } from '../../src/commands/manage-staff.js';
import { demoCode } from '../../src/commands/seed-demo.js';
import type { Role } from '../../src/domain/policy.js';
import type { Agency } from '../../src/store/schema.js';

let serial = 500;

/** A valid unified social credit code, unique within the test run. */
export function nextCode(region = '990000'): string {
  return demoCode(region, serial++);
}

export async function makeAgency(deps: Deps, parent: Agency | null, level: Agency['level'], nameZh: string, nameEn = nameZh): Promise<Agency> {
  return createAgency(deps, SYSTEM_ACTOR, {
    code: nextCode(),
    parent_id: parent?.id ?? null,
    level,
    name_zh: nameZh,
    name_en: nameEn,
    phone: '0990-1234567',
  });
}

export const PASSWORD = 'correct horse battery';

export async function makeStaff(deps: Deps, username: string, home: Agency, role: Role | null, grantAt: Agency = home) {
  const u = await createUser(deps, SYSTEM_ACTOR, { username, display_name: username, password: PASSWORD, home_agency_id: home.id });
  if (role) await grantRole(deps, SYSTEM_ACTOR, u.id, grantAt.id, role);
  return u;
}

/** Two provinces; province A has a city with two counties, each with a department. */
export async function seedTree(deps: Deps) {
  const provA = await makeAgency(deps, null, 'province', '甲省', 'Province A');
  const provB = await makeAgency(deps, null, 'province', '乙省', 'Province B');
  const city = await makeAgency(deps, provA, 'city', '丙市', 'City C');
  const county1 = await makeAgency(deps, city, 'county', '丁县', 'County D');
  const county2 = await makeAgency(deps, city, 'county', '戊县', 'County E');
  const dept1 = await makeAgency(deps, county1, 'department', '丁县财政局', 'County D Finance Bureau');
  return { provA, provB, city, county1, county2, dept1 };
}
