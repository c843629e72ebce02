/** The fictional demo agencies and their codes (region codes 98xxxx/99xxxx, never real). */
import { orgCodeCheckChar, usccCheckChar } from '../domain/uscc.js';
import type { AgencyLevel } from '../domain/agency-rules.js';

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

export const DEMO_OFFICE_HOURS: [string, string] = ['工作日 上午 8:30–12:00，下午 14:00–17:30（法定节假日除外）', 'Working days 8:30–12:00 and 14:00–17:30 (closed on public holidays)'];

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

/** The code each demo agency gets, by its key (the seeder numbers them in list order). */
export function demoAgencyCodes(): Map<string, string> {
  return new Map(DEMO_AGENCIES.map((a, i) => [a.key, demoCode(a.region, i + 1)]));
}
