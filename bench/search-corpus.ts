// Synthetic Chinese government documents for the search benchmark: deterministic (a seeded PRNG
// per document, so any document can be generated alone, in any worker, in any order), about
// 2 KB of body each, built from real government phrasing with Zipf-distributed topics, so that
// common words (工作, 发展) match most documents and place names or project names only a few.
import { DEFAULT_THEMES, flattenThemes } from '../src/domain/documents/themes.js';

/** mulberry32: a small, fast, seeded PRNG returning floats in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An agency as the corpus knows it: its name and the prefix of its document numbers. */
export interface CorpusAgency {
  code: string;
  name: string;
  /** 文号 prefix, such as 云府办发 or 云财. */
  prefix: string;
  /** Relative share of the documents. */
  weight: number;
}

/** One generated document, before it becomes rows. */
export interface SynthDoc {
  agency: number;
  title: string;
  docNumber: string;
  genre: string;
  theme: string;
  /** Date formed and first published, `YYYY-MM-DD`. */
  date: string;
  validity: 'valid' | 'amended' | 'repealed' | 'expired';
  isNormative: boolean;
  keywords: string;
  summary: string;
  bodyHtml: string;
}

// Topics (主题词), most common first: Zipf-sampled, so the first few are in most documents.
const TOPICS = `工作 发展 建设 管理 服务 安全 改革 保障 经济 社会 项目 资金 政策 企业 群众 乡村振兴 营商环境 生态环境保护 安全生产 食品安全 义务教育
学前教育 职业教育 医疗保障 基本养老保险 城乡居民医疗保险 住房保障 公共租赁住房 棚户区改造 老旧小区改造 农村人居环境整治 河长制 林长制 大气污染防治
水污染防治 土壤污染防治 垃圾分类 政务服务 一网通办 数字政府 高标准农田 粮食安全 耕地保护 防汛抗旱 森林防火 应急管理 消防安全 道路交通安全 文明城市创建
就业创业 稳岗补贴 职业技能培训 农民工工资 最低生活保障 特困人员救助 临时救助 残疾人两项补贴 退役军人服务 优抚对象 养老服务 托育服务 公共卫生 疫苗接种
健康乡村 中小企业 科技创新 专精特新 招商引资 重大项目 专项债券 预算管理 政府采购 国有资产 审计整改 统计调查 人口普查 减税降费 知识产权 市场监管
价格监测 药品安全 特种设备 文化旅游 全民健身 非物质文化遗产 文物保护 历史文化名城 城市更新 交通运输 农村公路 城乡供水 污水处理 燃气安全 电力保障
新能源汽车 充电基础设施 碳达峰 节能降耗 自然资源 国土空间规划 不动产登记 土地征收 宅基地 农村集体经济 家庭农场 农民专业合作社 种业振兴 畜牧业 渔业
动物防疫 农产品质量安全 民族团结 宗教事务 信访工作 法治政府 行政执法 行政复议 普法宣传 人民调解 社会救助 慈善事业 志愿服务 社区治理 网格化管理 物业管理
人才引进 高校毕业生 公务员招录 事业单位公开招聘 档案管理 保密工作 政府信息公开 政务公开 热线服务 双随机一公开 社会信用体系 失信联合惩戒 电子证照 跨省通办
水土保持 地质灾害防治 矿山安全 危险化学品 烟花爆竹 校园安全 校外培训 课后服务 教师队伍建设 医联体 家庭医生签约 中医药 妇幼保健 心理健康 控烟
电梯安全 建筑施工 工程质量 招标投标 公平竞争审查 反垄断 消费者权益保护 网络交易 直播带货 冷链物流 电子商务 外贸 口岸 跨境电商 对口支援 东西部协作
防返贫监测 易地扶贫搬迁 光伏扶贫 消费帮扶 乡村旅游 民宿 特色小镇 美丽乡村 厕所革命 畜禽粪污 秸秆综合利用 化肥农药减量 地膜回收 耕地轮作休耕`.split(/\s+/u);
const VERBS = '加强 推进 深化 完善 落实 健全 规范 优化 强化 统筹 提升 促进 保障 加快 做好 开展 实施 推动 巩固 扩大'.split(' ');
const LAWS = [
  '《中华人民共和国政府信息公开条例》', '《中华人民共和国预算法》', '《中华人民共和国安全生产法》', '《中华人民共和国环境保护法》',
  '《中华人民共和国行政许可法》', '《优化营商环境条例》', '《中华人民共和国乡村振兴促进法》', '《中华人民共和国土地管理法》',
  '《中华人民共和国食品安全法》', '《中华人民共和国教育法》', '《社会救助暂行办法》', '《中华人民共和国政府采购法》',
  '《中华人民共和国行政处罚法》', '《中华人民共和国城乡规划法》', '《中华人民共和国突发事件应对法》', '《重大行政决策程序暂行条例》',
];
const GENRE_WORDS: Record<string, { forms: string[]; normative?: boolean }> = {
  regulations: { forms: ['办法', '规定', '实施细则'], normative: true },
  normative: { forms: ['实施意见', '管理办法', '暂行办法', '若干措施'], normative: true },
  plans: { forms: ['实施方案', '行动计划', '工作要点', '专项规划'] },
  statistics: { forms: ['统计公报', '统计数据', '运行情况'] },
  budgets: { forms: ['部门预算', '部门决算', '预算执行情况'] },
  fees: { forms: ['收费标准', '收费目录清单'] },
  procurement: { forms: ['采购公告', '中标结果公告', '采购意向'] },
  major_projects: { forms: ['项目批准信息', '项目建设情况'] },
  licensing: { forms: ['行政许可决定', '审批结果'] },
  penalties: { forms: ['行政处罚决定书', '责令整改通知书'] },
  recruitment: { forms: ['招聘公告', '拟录用人员名单公示'] },
  emergency: { forms: ['应急预案', '预警信息', '处置情况通报'] },
  supervision: { forms: ['督查情况通报', '检查结果公示', '整改情况报告'] },
  interpretation: { forms: ['政策解读', '答记者问'] },
  notices: { forms: ['通知', '通告', '公告'] },
  other: { forms: ['工作动态', '情况说明'] },
};
const GENRE_KEYS = Object.keys(GENRE_WORDS);
// Characters of place names (villages, communities, projects): two of them make ~3,000 rare names.
const PLACE_CHARS = '东西南北上下前后新老大小青白红黄金银石山水河湖田林桥溪岭坪岗湾塘庄集寨铺柳杨梅竹松桃李枣榆槐丰安宁和平兴旺福寿长乐永泰富顺';
const PLACE_SUFFIX = ['村', '社区', '镇', '街道', '乡'];
const PROJECT_KINDS = ['道路提升改造工程', '污水管网建设项目', '标准化厂房项目', '安置小区建设项目', '水库除险加固工程', '综合文化服务中心', '农贸市场改造项目', '学校教学楼新建工程'];
const BUREAUS: [string, string][] = [
  ['发展和改革委员会', '发改'], ['教育局', '教'], ['科学技术局', '科'], ['工业和信息化局', '工信'], ['民政局', '民'], ['司法局', '司'],
  ['人力资源和社会保障局', '人社'], ['自然资源和规划局', '自然资源'], ['住房和城乡建设局', '建'], ['交通运输局', '交'], ['水利局', '水'],
  ['农业农村局', '农'], ['商务局', '商'], ['文化广电旅游局', '文旅'], ['卫生健康委员会', '卫健'], ['退役军人事务局', '退役'], ['应急管理局', '应急'],
  ['审计局', '审'], ['市场监督管理局', '市监'], ['统计局', '统'], ['医疗保障局', '医保'], ['林业局', '林'], ['城市管理局', '城管'],
];
/** Departments the benchmark adds under the demo cities and counties (name suffix, 文号 part). */
export const BENCH_BUREAUS = BUREAUS;

const THEMES = flattenThemes(DEFAULT_THEMES).map((t) => t.code);

/** Picks from `xs` with a Zipf (s ≈ 1) skew: element i with weight 1 / (i + 1). */
function zipfPicker(n: number): (r: number) => number {
  const cum: number[] = [];
  let acc = 0;
  for (let i = 0; i < n; i++) cum.push((acc += 1 / (i + 1)));
  return (r) => {
    const x = r * acc;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cum[mid] ?? 0) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}
const topicPick = zipfPicker(TOPICS.length);

/** A generated document as the importer takes it (without its index entry): published at 10:00 Beijing time on its date. */
export function importFields<A>(d: SynthDoc, agency: A) {
  const publishedAt = `${d.date}T02:00:00.000Z`;
  const changedAt = new Date(Date.parse(publishedAt) + 30 * 86_400_000).toISOString();
  const validity = d.validity === 'valid' ? undefined : { state: d.validity, date: changedAt.slice(0, 10), note: `依据新规定，本文件${d.validity === 'amended' ? '已修改' : d.validity === 'repealed' ? '已废止' : '已失效'}。`, at: changedAt };
  return {
    agency, title: d.title, docNumber: d.docNumber, genre: d.genre, theme: d.theme, dateFormed: d.date, publishedAt,
    isNormative: d.isNormative, keywords: d.keywords, summary: d.summary, bodyHtml: d.bodyHtml, ...(validity ? { validity } : {}),
  };
}

/** The corpus over a list of agencies: `doc(k)` is document number k, always the same. */
export function corpus(agencies: CorpusAgency[], seed = 20_261_127): { doc(k: number): SynthDoc; day(k: number): number; agencies: CorpusAgency[] } {
  // Document k falls in bucket k mod B, a (agency, year, 文号 series) slot; buckets are repeated in
  // proportion to the agency's weight, the year (recent years hold more) and the series, and the
  // serial counts the bucket's earlier documents, so every 文号 is unique and `doc(k)` needs no
  // state: workers can generate any range.
  const SERIES = [['发', 5], ['办发', 3], ['函', 2]] as const;
  const slots: { a: number; year: number; series: string; copy: number; copies: number }[] = [];
  agencies.forEach((ag, a) => {
    for (let year = 2010; year <= 2026; year++) {
      for (const [series, sw] of SERIES) {
        const copies = Math.max(1, Math.round(ag.weight * sw * (1 + (year - 2010) / 4)));
        for (let copy = 0; copy < copies; copy++) slots.push({ a, year, series, copy, copies });
      }
    }
  });
  // Shuffled with a fixed seed so that consecutive documents differ in agency and year.
  const sr = prng(seed);
  for (let i = slots.length - 1; i > 0; i--) {
    const j = Math.floor(sr() * (i + 1));
    const t = slots[i];
    const u = slots[j];
    if (t && u) {
      slots[i] = u;
      slots[j] = t;
    }
  }
  /** A sort key of document k's date (year, month, day), without generating the document. */
  function day(k: number): number {
    const r = prng(seed ^ Math.imul(k + 1, 0x9e3779b1));
    const year = slots[k % slots.length]?.year ?? 2010;
    return year * 400 + Math.floor(r() * 12) * 32 + Math.floor(r() * 28);
  }
  function doc(k: number): SynthDoc {
    const r = prng(seed ^ Math.imul(k + 1, 0x9e3779b1));
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
    const topic = () => TOPICS[topicPick(r())] ?? '工作';
    const place = () => `${pick([...PLACE_CHARS])}${pick([...PLACE_CHARS])}${pick(PLACE_SUFFIX)}`;
    const slot = slots[k % slots.length];
    const ai = slot?.a ?? 0;
    const ag = agencies[ai];
    if (!slot || !ag) throw new Error('no agencies');
    const year = slot.year;
    const month = 1 + Math.floor(r() * 12);
    const day = 1 + Math.floor(r() * 28);
    const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const genre = GENRE_KEYS[Math.floor(Math.pow(r(), 1.5) * GENRE_KEYS.length)] ?? 'notices';
    const gw = GENRE_WORDS[genre] ?? { forms: ['通知'] };
    const form = pick(gw.forms);
    const main = TOPICS[15 + Math.floor(r() * (TOPICS.length - 15))] ?? '政务公开';
    const second = topic();
    const v = pick(VERBS);
    const numbered = genre !== 'statistics' && genre !== 'procurement' && r() < 0.8;
    const docNumber = numbered ? `${ag.prefix}${slot.series}〔${year}〕${Math.floor(k / slots.length) * slot.copies + slot.copy + 1}号` : '';
    const title = r() < 0.5 ? `${ag.name}关于${v}${main}的${form}` : `关于印发${ag.name.replace(/人民政府$/u, '')}${main}${form}（${year}—${year + 2}年）的通知`;
    const p = place();
    const project = `${p}${pick(PROJECT_KINDS)}`;
    const sentences = [
      () => `为${v}${main}，根据${pick(LAWS)}等有关规定，结合本地实际，制定本${form}。`,
      () => `${pick(VERBS)}${topic()}工作，${pick(VERBS)}${topic()}，确保各项任务落到实处。`,
      () => `各地各部门要高度重视${topic()}工作，切实加强组织领导，明确责任分工，${pick(VERBS)}${topic()}。`,
      () => `对${topic()}中发现的问题，要及时督促整改，并于${year}年${1 + Math.floor(r() * 12)}月底前将${topic()}情况报送${ag.name}。`,
      () => `${year - 1}年，全年共完成${topic()}项目${Math.floor(r() * 900) + 10}个，投入资金${(r() * 9000 + 100).toFixed(1)}万元，惠及群众${Math.floor(r() * 90_000) + 1000}人。`,
      () => `${project}位于${p}，总投资${Math.floor(r() * 90_000) + 500}万元，计划于${year + 1}年建成投入使用。`,
      () => `坚持以人民为中心的发展思想，${pick(VERBS)}${topic()}，不断增强人民群众的获得感、幸福感、安全感。`,
      () => `申请人可通过政务服务网、${ag.name}政务服务窗口或者${topic()}专窗办理，办理时限为${Math.floor(r() * 20) + 1}个工作日。`,
      () => `${pick(VERBS)}部门协同，建立${topic()}联席会议制度，定期研究解决${topic()}中的重大问题。`,
      () => `本${form}自${year}年${month}月${day}日起施行，有效期${Math.floor(r() * 5) + 1}年。`,
    ];
    const paras: string[] = [];
    let bytes = 0;
    const target = 1900 + Math.floor(r() * 300); // UTF-8 bytes of body text
    while (bytes < target) {
      let para = '';
      const n = 3 + Math.floor(r() * 4);
      for (let i = 0; i < n; i++) para += (sentences[Math.floor(r() * sentences.length)] ?? sentences[0] ?? (() => ''))();
      paras.push(`<p>${para}</p>`);
      bytes += para.length * 3;
    }
    const validity = r() < 0.85 ? 'valid' : pick(['amended', 'repealed', 'expired'] as const);
    return {
      agency: ai,
      title,
      docNumber,
      genre,
      theme: pick(THEMES),
      date,
      validity,
      isNormative: gw.normative === true && r() < 0.9,
      keywords: [main, second, p].join(' '),
      summary: `${ag.name}${v}${main}，${pick(VERBS)}${second}，明确${project}等重点任务。`,
      bodyHtml: paras.join(''),
    };
  }
  return { doc, day, agencies };
}
