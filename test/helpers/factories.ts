import type { Deps } from '../../src/commands/deps.js';
import { SYSTEM_ACTOR } from '../../src/commands/actor.js';
import { createAgency } from '../../src/commands/create-agency.js';
import { createUser, grantRole } from '../../src/commands/manage-staff.js';
import { demoCode } from '../../src/commands/seed-demo.js';
import type { Role } from '../../src/domain/policy.js';
import type { Agency } from '../../src/store/schema.js';
import type { Actor } from '../../src/commands/actor.js';
import type { DraftInput } from '../../src/commands/document-input.js';
import { userRepo } from '../../src/store/repos/user-repo.js';

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

/** The command-level actor of a staff member, with their grants as a session would load them. */
export async function actorFor(deps: Deps, user: { id: string; username: string }): Promise<Actor> {
  return { type: 'staff', userId: user.id, username: user.username, grants: await userRepo.scopedGrants(deps.db, user.id), ip: '127.0.0.1' };
}

/** Minimal valid draft fields; override what a test cares about. */
export function draftInput(over: Partial<DraftInput> = {}): DraftInput {
  return {
    title: '关于做好2026年春季防汛工作的通知',
    doc_number: '丙政办发〔2026〕3号',
    genre: 'notices',
    theme_code: 'general.emergency',
    date_formed: '2026-02-20',
    keywords: '防汛 应急',
    summary: '部署春季防汛准备工作。',
    body_html: '<p>各县（区）人民政府：</p><p>为做好春季防汛工作，现就有关事项通知如下。</p>',
    ...over,
  };
}
