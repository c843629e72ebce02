import { randomBytes } from 'node:crypto';
import type { Role } from '../domain/policy.js';
import { SYSTEM_ACTOR } from './actor.js';
import { createAgencyIn } from './create-agency.js';
import { DEMO_AGENCIES, DEMO_OFFICE_HOURS, demoCode } from './demo-agencies.js';
import type { Deps } from './deps.js';
import { createUser, grantRole } from './manage-staff.js';
import { seedEngagement } from './demo-content/engagement.js';
import { seedDemoDocuments } from './seed-demo-documents.js';

export { DEMO_AGENCIES, demoAgencyCodes, demoCode } from './demo-agencies.js';

export const DEMO_STAFF: { username: string; name: string; home: string; role: Role }[] = [
  { username: 'demo-admin', name: '省级管理员（演示）', home: 'prov', role: 'admin' },
  { username: 'yunxi-editor', name: '云溪市编辑（演示）', home: 'yunxi', role: 'editor' },
  { username: 'yunxi-reviewer', name: '云溪市审核人（演示）', home: 'yunxi', role: 'reviewer' },
  { username: 'yunxi-officer', name: '云溪市经办人（演示）', home: 'yunxi', role: 'request_officer' },
  { username: 'yunxi-supervisor', name: '云溪市监督人（演示）', home: 'yunxi', role: 'supervisor' },
  { username: 'qingshan-editor', name: '青山县编辑（演示）', home: 'qingshan', role: 'editor' },
  { username: 'nanling-admin', name: '南岭省管理员（演示）', home: 'nanling', role: 'admin' },
];

export interface SeedResult {
  seeded: boolean;
  logins: { username: string; password: string; role: Role; agency: string }[];
}

/**
 * Seeds the demo agencies, staff and about two hundred published documents once (marked `is_demo`). Passwords are random and returned
 * so the caller can print them once; they are not stored anywhere in clear.
 */
export async function seedDemo(deps: Deps): Promise<SeedResult> {
  const done = await deps.db.selectFrom('instance_meta').select('value').where('key', '=', 'demo_seeded').executeTakeFirst();
  if (done) return { seeded: false, logins: [] };
  const ids = new Map<string, string>();
  const names = new Map<string, string>();
  await deps.db.transaction().execute(async (trx) => {
    let serial = 1;
    for (const a of DEMO_AGENCIES) {
      const row = await createAgencyIn(trx, deps, SYSTEM_ACTOR, {
        code: demoCode(a.region, serial++),
        parent_id: a.parent ? (ids.get(a.parent) ?? null) : null,
        level: a.level,
        name_zh: a.zh,
        name_en: a.en,
        office_name_zh: a.office?.[0] ?? `${a.zh.replace(/人民政府$/, '')}政府信息公开工作机构`,
        office_name_en: a.office?.[1] ?? `Disclosure office, ${a.en}`,
        address_zh: a.address?.[0] ?? '',
        address_en: a.address?.[1] ?? '',
        postcode: a.region.slice(0, 4) + '00',
        office_hours_zh: DEMO_OFFICE_HOURS[0],
        office_hours_en: DEMO_OFFICE_HOURS[1],
        phone: a.phone ?? '',
        fax: a.phone ? a.phone.replace(/\d$/, '9') : '',
        email: `gk-${a.key}@demo.gongkai.invalid`,
        is_demo: true,
      });
      ids.set(a.key, row.id);
      names.set(a.key, a.zh);
    }
    await trx.insertInto('instance_meta').values({ key: 'demo_seeded', value: deps.clock.now().toISOString(), updated_at: deps.clock.now().toISOString() }).execute();
  });
  const logins: SeedResult['logins'] = [];
  for (const s of DEMO_STAFF) {
    const password = randomBytes(12).toString('base64url');
    const home = ids.get(s.home) ?? '';
    const u = await createUser(deps, SYSTEM_ACTOR, { username: s.username, display_name: s.name, password, home_agency_id: home, is_demo: true });
    await grantRole(deps, SYSTEM_ACTOR, u.id, home, s.role);
    logins.push({ username: s.username, password, role: s.role, agency: names.get(s.home) ?? '' });
  }
  await seedDemoDocuments(deps);
  await seedEngagement(deps);
  return { seeded: true, logins };
}

/** True when the instance holds demo content (shows the demo banner). */
export async function hasDemoContent(deps: Deps): Promise<boolean> {
  const r = await deps.db.selectFrom('instance_meta').select('value').where('key', '=', 'demo_seeded').executeTakeFirst();
  return Boolean(r);
}
