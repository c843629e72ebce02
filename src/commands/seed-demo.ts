import { randomBytes } from 'node:crypto';
import { orgCodeCheckChar, usccCheckChar } from '../domain/uscc.js';
import type { AgencyLevel } from '../domain/agency-rules.js';
import type { Role } from '../domain/policy.js';
import { SYSTEM_ACTOR } from './actor.js';
import { createAgencyIn } from './create-agency.js';
import type { Deps } from './deps.js';
import { createUser, grantRole } from './manage-staff.js';

/**
 * A demo unified social credit code: authority 1 (机构编制), type 1 (机关), a region code in the
 * unused 98xxxx/99xxxx range so no demo code can collide with a real agency, and valid check
 * characters.
 */
export function demoCode(region: string, serial: number): string {
  const body = `99${String(serial).padStart(6, '0')}`;
  const org = body + orgCodeCheckChar(body);
  const prefix = `11${region}${org}`;
  return prefix + usccCheckChar(prefix);
}

interface DemoAgency {
  key: string;
  parent: string | null;
  level: AgencyLevel;
  region: string;
  zh: string;
  en: string;
  office?: [string, string];
  address?: [string, string];
  phone?: string;
}

const HOURS: [string, string] = ['工作日 上午 8:30–12:00，下午 14:00–17:30（法定节假日除外）', 'Working days 8:30–12:00 and 14:00–17:30 (closed on public holidays)'];

/** The demo tree: two fictional provinces, with cities, counties, a township and departments. */
export const DEMO_AGENCIES: DemoAgency[] = [
  { key: 'prov', parent: null, level: 'province', region: '990000', zh: '示范省人民政府', en: 'People’s Government of Shifan Province (demo)', address: ['示范省安澜市政通路 1 号', '1 Zhengtong Road, Anlan, Shifan Province'], phone: '0990-8800001' },
  { key: 'prov-office', parent: 'prov', level: 'department', region: '990000', zh: '示范省人民政府办公厅', en: 'General Office of the Shifan Provincial Government (demo)', phone: '0990-8800010' },
  { key: 'prov-finance', parent: 'prov', level: 'department', region: '990000', zh: '示范省财政厅', en: 'Shifan Provincial Department of Finance (demo)', phone: '0990-8800020' },
  { key: 'yunxi', parent: 'prov', level: 'city', region: '990100', zh: '云溪市人民政府', en: 'People’s Government of Yunxi City (demo)', address: ['云溪市人民大道 100 号', '100 Renmin Avenue, Yunxi'], phone: '0991-6600001' },
  { key: 'yunxi-office', parent: 'yunxi', level: 'department', region: '990100', zh: '云溪市人民政府办公室', en: 'General Office of the Yunxi Municipal Government (demo)', phone: '0991-6600010' },
  { key: 'yunxi-finance', parent: 'yunxi', level: 'department', region: '990100', zh: '云溪市财政局', en: 'Yunxi Municipal Finance Bureau (demo)', phone: '0991-6600020' },
  { key: 'yunxi-edu', parent: 'yunxi', level: 'department', region: '990100', zh: '云溪市教育局', en: 'Yunxi Municipal Education Bureau (demo)', phone: '0991-6600030' },
  { key: 'yunxi-eco', parent: 'yunxi', level: 'department', region: '990100', zh: '云溪市生态环境局', en: 'Yunxi Municipal Ecology and Environment Bureau (demo)', phone: '0991-6600040' },
  { key: 'qingshan', parent: 'yunxi', level: 'county', region: '990121', zh: '青山县人民政府', en: 'People’s Government of Qingshan County (demo)', address: ['青山县城关镇府前街 8 号', '8 Fuqian Street, Chengguan, Qingshan County'], phone: '0991-5200001' },
  { key: 'qingshan-office', parent: 'qingshan', level: 'department', region: '990121', zh: '青山县人民政府办公室', en: 'General Office of the Qingshan County Government (demo)', phone: '0991-5200010' },
  { key: 'qingshan-land', parent: 'qingshan', level: 'department', region: '990121', zh: '青山县自然资源局', en: 'Qingshan County Natural Resources Bureau (demo)', phone: '0991-5200020' },
  { key: 'qingshan-town', parent: 'qingshan', level: 'township', region: '990121', zh: '青山县城关镇人民政府', en: 'People’s Government of Chengguan Town, Qingshan (demo)', phone: '0991-5200100' },
  { key: 'baishui', parent: 'yunxi', level: 'county', region: '990102', zh: '白水区人民政府', en: 'People’s Government of Baishui District (demo)', address: ['云溪市白水区滨河路 66 号', '66 Binhe Road, Baishui District, Yunxi'], phone: '0991-6100001' },
  { key: 'baishui-office', parent: 'baishui', level: 'department', region: '990102', zh: '白水区人民政府办公室', en: 'General Office of the Baishui District Government (demo)', phone: '0991-6100010' },
  { key: 'jiangchuan', parent: 'prov', level: 'city', region: '990200', zh: '江川市人民政府', en: 'People’s Government of Jiangchuan City (demo)', phone: '0992-7700001' },
  { key: 'nanling', parent: null, level: 'province', region: '980000', zh: '南岭省人民政府', en: 'People’s Government of Nanling Province (demo)', phone: '0980-3300001' },
  { key: 'nanling-office', parent: 'nanling', level: 'department', region: '980000', zh: '南岭省人民政府办公厅', en: 'General Office of the Nanling Provincial Government (demo)', phone: '0980-3300010' },
];

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
 * Seeds the demo agencies and staff once (marked `is_demo`). Passwords are random and returned
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
        office_hours_zh: HOURS[0],
        office_hours_en: HOURS[1],
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
  return { seeded: true, logins };
}

/** True when the instance holds demo content (shows the demo banner). */
export async function hasDemoContent(deps: Deps): Promise<boolean> {
  const r = await deps.db.selectFrom('instance_meta').select('value').where('key', '=', 'demo_seeded').executeTakeFirst();
  return Boolean(r);
}
