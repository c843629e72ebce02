/**
 * Government procurement (政府采购): intentions, calls for tenders and award notices, generated
 * from a small list of projects; and major construction projects (重大建设项目).
 */
import { addDays, body, contact, h2, nameOf, ol, p, table, ul, zhDate } from './html.js';
import type { DemoDocument } from './types.js';

interface Project {
  id: string;
  agency: string;
  name: string;
  theme: string;
  method: '公开招标' | '竞争性磋商' | '竞争性谈判';
  /** Budget in 万元. */
  budget: number;
  /** What is bought, one line each. */
  scope: readonly string[];
  /** Supplier qualification beyond the legal ones. */
  qualification: string;
  formed: string;
  /** Award: supplier and price in 万元; absent while the procedure is running. */
  award?: { supplier: string; price: number; days: number };
  serviceTerm: string;
}

const PROJECTS: Project[] = [
  { id: 'yunxi-edu-classrooms', agency: 'yunxi-edu', name: '云溪市中小学智慧教室设备采购项目', theme: 'science', method: '公开招标', budget: 1860, scope: ['交互式智能黑板420套', '教师终端420台', '录播系统12套'], qualification: '本项目专门面向中小企业采购。', formed: '2025-05-12', award: { supplier: '云溪启明教育科技有限公司', price: 1792.36, days: 38 }, serviceTerm: '合同签订后60日内交付并完成安装调试' },
  { id: 'yunxi-eco-monitoring', agency: 'yunxi-eco', name: '云溪市大气污染源走航监测服务项目', theme: 'urban.environment', method: '竞争性磋商', budget: 186, scope: ['重点区域走航监测每月不少于8次', '异常点位溯源分析报告', '重污染天气应急加密监测'], qualification: '供应商须具备检验检测机构资质认定证书。', formed: '2025-03-06', award: { supplier: '示范省环科检测技术有限公司', price: 172.8, days: 27 }, serviceTerm: '12个月' },
  { id: 'yunxi-office-portal', agency: 'yunxi-office', name: '云溪市政府网站集约化平台运维服务项目', theme: 'general.openness', method: '公开招标', budget: 420, scope: ['集约化平台及各部门子站运维', '网络安全监测与应急处置', '政府信息公开平台功能优化'], qualification: '供应商须具备信息系统安全运维服务能力。', formed: '2025-11-10', award: { supplier: '云溪数智信息技术有限公司', price: 398.5, days: 35 }, serviceTerm: '2026年1月1日至2026年12月31日' },
  { id: 'yunxi-finance-system', agency: 'yunxi-finance', name: '云溪市预算管理一体化系统升级改造项目', theme: 'finance', method: '公开招标', budget: 680, scope: ['预算编制、指标管理模块升级', '与省级系统数据对接', '三年运维服务'], qualification: '不接受联合体投标。', formed: '2026-04-08', award: { supplier: '示范省财信软件股份有限公司', price: 652, days: 41 }, serviceTerm: '合同签订后180日内完成升级并上线运行' },
  { id: 'qingshan-land-survey', agency: 'qingshan-land', name: '青山县2026年度国土变更调查服务项目', theme: 'land', method: '竞争性磋商', budget: 138, scope: ['年度国土变更调查', '耕地保护图斑核查', '成果数据库建设'], qualification: '供应商须具备乙级及以上测绘资质。', formed: '2026-07-14', award: { supplier: '安澜测绘地理信息有限公司', price: 129.6, days: 30 }, serviceTerm: '合同签订后120日内完成' },
  { id: 'qingshan-town-waste', agency: 'qingshan-town', name: '城关镇生活垃圾清运服务采购项目', theme: 'urban', method: '竞争性磋商', budget: 96, scope: ['12个行政村生活垃圾日产日清', '垃圾收集点清洗消毒', '转运车辆配备不少于4辆'], qualification: '本项目专门面向小微企业采购。', formed: '2025-08-04', award: { supplier: '青山县洁城环境服务有限公司', price: 91.2, days: 24 }, serviceTerm: '12个月' },
  { id: 'baishui-office-property', agency: 'baishui-office', name: '白水区政务服务中心物业管理服务项目', theme: 'general', method: '公开招标', budget: 265, scope: ['保洁、秩序维护、设施设备运行维护', '会务服务', '节假日值守'], qualification: '无特定资格要求。', formed: '2026-09-21', award: { supplier: '云溪恒安物业服务有限公司', price: 248.4, days: 33 }, serviceTerm: '24个月' },
  { id: 'jiangchuan-streetlights', agency: 'jiangchuan', name: '江川市城区路灯节能改造项目', theme: 'industry', method: '公开招标', budget: 1340, scope: ['更换LED路灯灯具6800套', '智慧照明控制系统1套'], qualification: '供应商须具备城市及道路照明工程专业承包资质。', formed: '2026-10-19', serviceTerm: '合同签订后90日内完工' },
  { id: 'prov-finance-evaluation', agency: 'prov-finance', name: '示范省财政厅预算绩效评价第三方服务项目', theme: 'finance.audit', method: '公开招标', budget: 520, scope: ['省级重点项目绩效评价不少于40个', '部门整体支出绩效评价不少于8个'], qualification: '供应商须为会计师事务所或者具备绩效评价经验的咨询机构。', formed: '2025-04-21', award: { supplier: '示范华诚会计师事务所（特殊普通合伙）', price: 486, days: 36 }, serviceTerm: '2025年6月至2026年5月' },
  { id: 'nanling-office-security', agency: 'nanling-office', name: '南岭省政务数据共享平台等级保护测评服务项目', theme: 'general', method: '竞争性谈判', budget: 85, scope: ['第三级等级保护测评', '整改复测及测评报告'], qualification: '供应商须具备网络安全等级测评机构资质。', formed: '2026-11-02', serviceTerm: '合同签订后45日内完成' },
];

const WEEKDAY_GAP = [2, 3, 1, 2, 4, 2, 3, 1, 2, 3];

function callFor(pr: Project, i: number): DemoDocument {
  const published = addDays(pr.formed, WEEKDAY_GAP[i] ?? 2);
  const open = addDays(published, pr.method === '公开招标' ? 21 : 10);
  const owner = nameOf(pr.agency);
  return {
    key: `${pr.id}-call`,
    agency: pr.agency,
    title: `${pr.name}${pr.method === '公开招标' ? '招标公告' : pr.method + '公告'}`,
    docNumber: '',
    genre: 'procurement',
    theme: pr.theme,
    dateFormed: pr.formed,
    published,
    isNormative: false,
    keywords: `政府采购 ${pr.method} 采购公告`,
    summary: `${owner}就${pr.name}进行${pr.method}，预算金额${pr.budget}万元，响应文件提交截止时间为${zhDate(open)}。`,
    bodyHtml: body(
      h2('一、项目基本情况'),
      table(['项目名称', '采购方式', '预算金额（万元）', '最高限价（万元）'], [[pr.name, pr.method, pr.budget.toFixed(2), pr.budget.toFixed(2)]]),
      p('采购需求：'),
      ul(pr.scope),
      p(`合同履行期限：${pr.serviceTerm}。`),
      h2('二、申请人的资格要求'),
      ol(['满足《中华人民共和国政府采购法》第二十二条规定。', '未被列入失信被执行人、重大税收违法失信主体、政府采购严重违法失信行为记录名单。', pr.qualification]),
      h2('三、获取采购文件'),
      p(`时间：公告发布之日起5个工作日内；方式：在示范省政府采购网免费下载。`),
      h2('四、提交响应文件截止时间和开启时间'),
      p(`${zhDate(open)}上午9:30（北京时间），通过电子交易系统在线提交和开启。`),
      h2('五、联系方式'),
      contact(pr.agency, `采购人：${owner}`),
    ),
  };
}

function awardOf(pr: Project): DemoDocument | null {
  const a = pr.award;
  if (!a) return null;
  const formed = addDays(pr.formed, a.days);
  const owner = nameOf(pr.agency);
  const saved = ((1 - a.price / pr.budget) * 100).toFixed(1);
  return {
    key: `${pr.id}-award`,
    agency: pr.agency,
    title: `${pr.name}${pr.method === '公开招标' ? '中标' : '成交'}结果公告`,
    docNumber: '',
    genre: 'procurement',
    theme: pr.theme,
    dateFormed: formed,
    published: addDays(formed, 1),
    isNormative: false,
    keywords: `政府采购 ${pr.method === '公开招标' ? '中标' : '成交'}公告`,
    summary: `${pr.name}${pr.method === '公开招标' ? '中标' : '成交'}供应商为${a.supplier}，${pr.method === '公开招标' ? '中标' : '成交'}金额${a.price}万元。`,
    bodyHtml: body(
      p(`${owner}${pr.name}已按规定程序完成${pr.method}，现将结果公告如下：`),
      table(['供应商名称', '金额（万元）', '节约率'], [[a.supplier, a.price.toFixed(2), `${saved}%`]]),
      p('评审专家名单已随采购文件归档备查。各有关当事人对结果有异议的，可以自公告期限届满之日起7个工作日内，以书面形式向采购人提出质疑。'),
      p('公告期限：自本公告发布之日起1个工作日。'),
      contact(pr.agency, `采购人：${owner}`),
    ),
  };
}

const INTENTIONS: DemoDocument[] = [
  {
    key: 'yunxi-edu-intention-2026q2',
    agency: 'yunxi-edu',
    title: '云溪市教育局2026年4至6月政府采购意向',
    docNumber: '',
    genre: 'procurement',
    theme: 'science',
    dateFormed: '2026-03-16',
    published: '2026-03-18',
    isNormative: false,
    keywords: '采购意向 政府采购',
    summary: '公开市教育局2026年4至6月拟实施的3个政府采购项目的采购需求概况和预算金额。',
    bodyHtml: body(
      p('为便于供应商及时了解政府采购信息，根据有关规定，现将本单位2026年4至6月采购意向公开如下：'),
      table(['序号', '采购项目名称', '采购需求概况', '预算金额（万元）', '预计采购时间'], [
        ['1', '中小学校园安全监控设备更新', '更新高清摄像机及存储设备', '360.00', '2026年4月'],
        ['2', '教师培训服务', '组织骨干教师专题培训', '85.00', '2026年5月'],
        ['3', '学生体质健康监测服务', '全市中小学体质监测抽测', '120.00', '2026年6月'],
      ]),
      p('本次公开的采购意向是本单位采购工作的初步安排，具体采购项目情况以相关采购公告和采购文件为准。'),
      contact('yunxi-edu'),
    ),
  },
  {
    key: 'qingshan-intention-2025h2',
    agency: 'qingshan-office',
    title: '青山县人民政府办公室2025年下半年政府采购意向',
    docNumber: '',
    genre: 'procurement',
    theme: 'general',
    dateFormed: '2025-06-23',
    published: '2025-06-25',
    isNormative: false,
    keywords: '采购意向 政府采购',
    summary: '公开县政府办公室2025年下半年拟采购的办公设备和政务服务热线外包服务项目。',
    bodyHtml: body(
      table(['序号', '采购项目名称', '预算金额（万元）', '预计采购时间'], [
        ['1', '办公设备批量采购', '42.00', '2025年8月'],
        ['2', '政务服务便民热线话务外包服务', '118.00', '2025年10月'],
      ]),
      p('以上意向为初步安排，以正式采购公告为准。'),
      contact('qingshan-office'),
    ),
  },
];

const MAJOR: DemoDocument[] = [
  {
    key: 'prov-major-2025', agency: 'prov', title: '示范省人民政府关于下达2025年省重点建设项目计划的通知', docNumber: '示政发〔2025〕6号',
    genre: 'major_projects', theme: 'economy', dateFormed: '2025-02-18', published: '2025-02-25', isNormative: false,
    keywords: '重点建设项目 投资计划', summary: '下达2025年省重点建设项目320个，年度计划投资2860亿元。',
    bodyHtml: body(
      p('各市、县人民政府，省政府各部门：'),
      p('经省人民政府研究，现将2025年省重点建设项目计划下达给你们。'),
      table(['类别', '项目数（个）', '年度计划投资（亿元）'], [['基础设施', '118', '1240'], ['产业发展', '142', '1180'], ['社会民生', '60', '440'], ['合计', '320', '2860']]),
      p('各项目责任单位要落实项目建设条件，按月报送项目进展情况。'),
    ),
  },
  {
    key: 'nanling-major-2026', agency: 'nanling', title: '南岭省2026年重点建设项目名单', docNumber: '南政发〔2026〕8号',
    genre: 'major_projects', theme: 'economy', dateFormed: '2026-03-04', published: '2026-03-11', isNormative: false,
    keywords: '重点建设项目 名单', summary: '公布南岭省2026年重点建设项目286个，总投资约1.2万亿元。',
    bodyHtml: body(
      p('经省人民政府同意，现将南岭省2026年重点建设项目名单予以公布。'),
      table(['领域', '项目数（个）', '总投资（亿元）'], [['交通', '64', '4120'], ['能源', '38', '2650'], ['水利', '29', '980'], ['产业', '121', '3470'], ['民生', '34', '780']]),
    ),
  },
  {
    key: 'yunxi-major-metro', agency: 'yunxi', title: '云溪市轨道交通1号线一期工程2026年第三季度建设进展', docNumber: '',
    genre: 'major_projects', theme: 'industry', dateFormed: '2026-10-09', published: '2026-10-14', isNormative: false,
    keywords: '轨道交通 建设进展 重大项目', summary: '截至2026年9月底，1号线一期工程车站主体结构完成92%，区间隧道贯通率85%，累计完成投资148.6亿元。',
    bodyHtml: body(
      h2('一、项目基本情况'),
      p('云溪市轨道交通1号线一期工程全长24.3公里，设车站19座，总投资196.8亿元，计划2027年底开通试运营。'),
      h2('二、本季度进展'),
      table(['指标', '累计完成', '完成比例'], [['车站主体结构', '17.5座', '92%'], ['区间隧道', '20.7公里', '85%'], ['投资', '148.6亿元', '75.5%']]),
      h2('三、下一步安排'),
      p('第四季度重点推进铺轨和机电设备安装，同步开展沿线道路恢复。'),
    ),
  },
  {
    key: 'yunxi-major-waterworks', agency: 'yunxi', title: '云溪市第三水厂及配套管网工程项目批准信息', docNumber: '',
    genre: 'major_projects', theme: 'urban', dateFormed: '2025-07-15', published: '2025-07-21', isNormative: false,
    keywords: '水厂 供水管网 项目批准', summary: '公开第三水厂及配套管网工程的审批部门、批准文号、建设规模和总投资等信息。',
    bodyHtml: body(
      table(['事项', '内容'], [
        ['项目名称', '云溪市第三水厂及配套管网工程'],
        ['建设规模', '日供水能力20万立方米，配套管网46公里'],
        ['总投资', '9.8亿元'],
        ['可行性研究报告批复', '云发改投资〔2025〕88号'],
        ['建设用地规划许可', '已核发'],
        ['环境影响评价', '云环审〔2025〕41号'],
      ]),
      p('项目建成后，可新增保障人口约60万人。'),
    ),
  },
  {
    key: 'qingshan-major-flood', agency: 'qingshan', title: '青山县青溪河防洪治理工程开工公告', docNumber: '',
    genre: 'major_projects', theme: 'agriculture', dateFormed: '2025-10-27', published: '2025-10-31', isNormative: false,
    keywords: '防洪治理 水利工程 开工', summary: '青溪河防洪治理工程于2025年11月开工，治理河长18.6公里，总投资3.2亿元。',
    bodyHtml: body(
      p('青溪河防洪治理工程已完成各项审批手续，定于2025年11月3日开工建设。'),
      ul(['建设内容：新建堤防12.4公里，护岸加固6.2公里，拆除重建穿堤涵闸9座。', '防洪标准：县城段50年一遇，其余段20年一遇。', '计划工期：24个月。']),
      p('施工期间将对沿河部分道路实行临时交通管制，请沿线群众注意安全。'),
      contact('qingshan'),
    ),
  },
  {
    key: 'qingshan-land-expropriation', agency: 'qingshan-land', title: '青山县北山抽水蓄能电站建设项目拟征收土地预公告', docNumber: '',
    genre: 'major_projects', theme: 'land', dateFormed: '2026-05-11', published: '2026-05-13', isNormative: false,
    keywords: '征收土地 预公告 抽水蓄能', summary: '北山抽水蓄能电站建设项目拟征收城关镇、北山乡集体土地约86公顷，公告期间不得抢栽抢建。',
    bodyHtml: body(
      p('因北山抽水蓄能电站建设需要，根据《中华人民共和国土地管理法》第四十七条，现将拟征收土地有关事项预公告如下：'),
      ol(['征收范围：城关镇东坪村、北山乡石门村部分集体土地，面积约86公顷。', '征收目的：能源基础设施建设。', '开展土地现状调查的安排：2026年5月下旬至6月中旬。', '自本公告发布之日起，在拟征收范围内不得抢栽抢建；违反规定抢栽抢建的，对抢栽抢建部分不予补偿。']),
      contact('qingshan-land'),
    ),
  },
  {
    key: 'baishui-major-school', agency: 'baishui', title: '白水区滨河路学校扩建工程竣工验收信息', docNumber: '',
    genre: 'major_projects', theme: 'science', dateFormed: '2026-08-20', published: '2026-08-25', isNormative: false,
    keywords: '学校扩建 竣工验收', summary: '滨河路学校扩建工程通过竣工验收，新增学位1350个，2026年秋季学期投入使用。',
    bodyHtml: body(
      table(['事项', '内容'], [['总建筑面积', '2.6万平方米'], ['新增学位', '1350个'], ['总投资', '3.8亿元'], ['竣工验收日期', '2026年8月18日']]),
      p('工程质量经验收合格，将于2026年秋季学期投入使用。'),
      contact('baishui'),
    ),
  },
  {
    key: 'jiangchuan-major-railway', agency: 'jiangchuan', title: '江川港区铁路专用线工程开工信息公开', docNumber: '',
    genre: 'major_projects', theme: 'industry', dateFormed: '2025-09-02', published: '2025-09-08', isNormative: false,
    keywords: '铁路专用线 港区 铁水联运', summary: '江川港区铁路专用线工程正式开工，线路全长11.2公里，建成后年运量可达800万吨。',
    bodyHtml: body(
      p('江川港区铁路专用线工程是《江川市综合交通运输发展规划（2025—2035年）》确定的重点项目，于2025年9月1日开工。'),
      ul(['线路全长11.2公里，设港前站1座。', '总投资14.5亿元。', '建成后年运量可达800万吨，实现铁水联运无缝衔接。']),
    ),
  },
];

export const PROCUREMENT: DemoDocument[] = [
  ...PROJECTS.flatMap((pr, i) => {
    const award = awardOf(pr);
    return award ? [callFor(pr, i), award] : [callFor(pr, i)];
  }),
  ...INTENTIONS,
];

export const MAJOR_PROJECTS: DemoDocument[] = MAJOR;
