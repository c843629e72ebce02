/** Policy interpretations (政策解读), each linked to the policy it explains. */
import { body, contact, h2, h3, ol, p } from './html.js';
import type { DemoDocument } from './types.js';

/** 一问一答 style. */
function qa(intro: string, pairs: readonly (readonly [string, string])[]): string {
  return body(p(intro), ...pairs.map(([q, a], i) => h3(`问${i + 1}：${q}`) + p(`答：${a}`)));
}

/** 背景 / 主要内容 / 解读 style. */
function sections(background: string, main: readonly string[], notes: readonly string[]): string {
  return body(h2('一、起草背景'), p(background), h2('二、主要内容'), ol(main), h2('三、需要说明的问题'), p(...notes));
}

interface Interp {
  key: string;
  interprets: string;
  agency: string;
  title: string;
  theme: string;
  dateFormed: string;
  published: string;
  keywords: string;
  summary: string;
  bodyHtml: string;
  corrections?: DemoDocument['corrections'];
}

function interp(i: Interp): DemoDocument {
  return { ...i, docNumber: '', genre: 'interpretation', isNormative: false };
}

const ELDERLY_QA: readonly (readonly [string, string])[] = [
  ['《实施意见》出台的背景是什么？', '截至2023年底，全省60周岁及以上老年人口占总人口的21.4%，已进入中度老龄化社会。为回应老年人对养老服务的新期待，省政府制定了本实施意见。'],
  ['哪些老年人可以优先入住公办养老机构？', '特困、低保、低收入家庭中的失能、部分失能老年人，以及计划生育特殊家庭老年人，可以优先入住。'],
  ['老年助餐补贴如何申请？', '由老年人或者其家属向户籍地或者居住地的社区（村）提出申请，经乡镇（街道）审核后享受。具体补贴标准由各市、县确定。'],
];

export const INTERPRETATIONS: DemoDocument[] = [
  interp({
    key: 'prov-reg-openness-jd', interprets: 'prov-reg-openness', agency: 'prov-office',
    title: '《示范省政府信息公开规定》解读', theme: 'general.openness',
    dateFormed: '2024-04-25', published: '2024-04-26',
    keywords: '政府信息公开 规章解读', summary: '介绍《示范省政府信息公开规定》的制定背景、主要内容和与原暂行办法相比的主要变化。',
    bodyHtml: sections(
      '原《示范省政府信息公开暂行办法》施行已逾十年。2019年《中华人民共和国政府信息公开条例》修订后，暂行办法的部分规定已不相适应，有必要重新制定。',
      ['明确以公开为常态、不公开为例外的原则。', '规定主动公开政府信息应当在形成或者变更之日起20个工作日内公开。', '要求通过统一的政府信息公开平台集中发布，提供检索、查阅和下载功能。', '细化依申请公开的受理、补正、答复程序。'],
      ['本规定自2024年6月1日起施行，原暂行办法同时废止。', '咨询电话：0990-8800010（省政府办公厅政务公开办公室）。'],
    ),
  }),
  interp({
    key: 'prov-norm-elderly-jd', interprets: 'prov-norm-elderly', agency: 'prov',
    title: '《示范省人民政府关于促进养老服务高质量发展的实施意见》政策问答', theme: 'civil',
    dateFormed: '2024-06-20', published: '2024-06-20',
    keywords: '养老服务 政策问答', summary: '以问答形式解读养老服务实施意见的出台背景、优先保障对象和老年助餐补贴申请方式。',
    bodyHtml: qa('近日，省人民政府印发《关于促进养老服务高质量发展的实施意见》。现就社会关注的问题解答如下。', ELDERLY_QA),
  }),
  interp({
    key: 'prov-plan-digital-jd', interprets: 'prov-plan-digital', agency: 'prov-office',
    title: '一文读懂《示范省数字政府建设三年行动计划（2025—2027年）》', theme: 'general',
    dateFormed: '2025-03-28', published: '2025-03-31',
    keywords: '数字政府 一网通办 解读', summary: '解读数字政府三年行动计划的三项核心指标和六项重点任务，说明企业群众办事将有哪些变化。',
    bodyHtml: sections(
      '近年来我省数字政府建设取得积极进展，但仍存在平台分散、数据共享不充分、基层数字化能力不足等问题。',
      ['一个目标：到2027年政务服务事项全程网办率达到85%以上。', '两项基础：统一政务云和统一公共数据目录。', '六项任务：平台整合、数据共享、一网通办、政务公开、安全保障、基层减负。'],
      ['群众办理出生、入学、退休等高频事项，将逐步实现“一件事一次办”，无需重复提交材料。'],
    ),
  }),
  interp({
    key: 'nanling-reg-water-jd', interprets: 'nanling-reg-water', agency: 'nanling-office',
    title: '《南岭省饮用水水源保护办法》解读', theme: 'urban.environment',
    dateFormed: '2025-05-16', published: '2025-05-19',
    keywords: '饮用水水源 保护区 解读', summary: '说明饮用水水源保护办法的立法必要性、保护区划定和禁止性规定。',
    bodyHtml: qa('《南岭省饮用水水源保护办法》将于2025年7月1日起施行。现就有关问题解读如下。', [
      ['为什么要制定这部规章？', '全省共有县级以上集中式饮用水水源地86个，部分水源地存在保护区边界不清、违法建设等问题，需要以规章形式加以规范。'],
      ['保护区内禁止哪些行为？', '一级保护区内禁止新建、改建、扩建与供水设施和保护水源无关的建设项目，禁止网箱养殖、旅游、游泳、垂钓等可能污染水源的活动。'],
      ['公众如何了解水源水质？', '供水单位每季度公开水源水质检测结果，公众可以在各地人民政府门户网站查询。'],
    ]),
  }),
  interp({
    key: 'nanling-norm-business-jd', interprets: 'nanling-norm-business', agency: 'nanling-office',
    title: '《南岭省持续优化营商环境若干措施》政策解读', theme: 'market',
    dateFormed: '2025-07-08', published: '2025-07-08',
    keywords: '营商环境 涉企检查 解读', summary: '解读优化营商环境若干措施中涉企检查、首违不罚、企业开办等措施的具体要求。',
    bodyHtml: sections(
      '为进一步激发市场主体活力，省政府办公厅在总结近年改革经验的基础上起草了本措施，起草过程中书面征求了省直有关部门、部分企业和行业协会意见。',
      ['市场准入：严格落实负面清单，清单之外不得另设门槛。', '涉企检查：推行“扫码入企”，严控检查频次。', '包容审慎监管：首次轻微违法且及时改正的，依法不予处罚。', '要素保障：压缩工程建设项目审批时间。'],
      ['“扫码入企”是指执法人员入企检查前须扫码登记检查事项和依据，企业可以扫码评价，数据全程留痕。', '咨询电话：0980-3300010。'],
    ),
  }),
  interp({
    key: 'jiangchuan-norm-farmland-jd', interprets: 'jiangchuan-norm-farmland', agency: 'jiangchuan',
    title: '《江川市高标准农田建设管护办法》解读', theme: 'agriculture',
    dateFormed: '2025-04-10', published: '2025-04-14',
    keywords: '高标准农田 管护 解读', summary: '介绍高标准农田管护办法的管护主体、经费标准和禁止性规定。',
    bodyHtml: qa('为帮助社会各界准确理解《江川市高标准农田建设管护办法》，现解读如下。', [
      ['谁来负责管护？', '按照“谁受益、谁管护”的原则，高标准农田建成后移交给村集体经济组织或者新型农业经营主体管护，乡镇人民政府负责监督。'],
      ['管护经费从哪里来？', '市、县两级财政按照每亩每年不低于20元的标准安排管护经费，鼓励受益主体自筹资金参与管护。'],
      ['办法施行后有哪些禁止性要求？', '严禁占用高标准农田从事非农建设，严禁在高标准农田内挖塘养鱼、种植林果等导致耕地“非粮化”的行为。'],
    ]),
  }),
  interp({
    key: 'yunxi-norm-housing-2026-jd', interprets: 'yunxi-norm-housing-2026', agency: 'yunxi-office',
    title: '《云溪市保障性租赁住房和公共租赁住房管理办法》政策解读', theme: 'urban.housing',
    dateFormed: '2026-04-03', published: '2026-04-07',
    keywords: '保障性租赁住房 公共租赁住房 解读', summary: '说明新办法与原公共租赁住房管理办法相比的主要变化，以及新市民、青年人申请保障性租赁住房的条件。',
    bodyHtml: body(
      sections(
        '原《云溪市公共租赁住房管理办法》（云政规〔2024〕1号）仅覆盖城镇住房、收入困难家庭。随着新市民、青年人住房需求增加，有必要将两类保障性住房统一管理。',
        ['扩大保障范围：保障性租赁住房面向新市民、青年人，不设收入线门槛。', '统一申请渠道：通过云溪市住房保障服务平台在线申请，审核时限由20个工作日缩短为15个工作日。', '明确租金标准：保障性租赁住房租金不高于同地段同品质市场租金的90%。'],
        ['新办法自2026年5月1日起施行，原办法同时废止。此前已取得公共租赁住房保障资格的家庭，保障资格继续有效。'],
      ),
      contact('yunxi-office'),
    ),
  }),
  interp({
    key: 'yunxi-norm-graduates-jd', interprets: 'yunxi-norm-graduates', agency: 'yunxi-office',
    title: '《云溪市支持高校毕业生就业创业若干措施》问答', theme: 'labour.employment',
    dateFormed: '2025-05-13', published: '2025-05-15',
    keywords: '高校毕业生 就业创业 问答', summary: '解答高校毕业生和用人单位关心的吸纳就业补贴、见习补贴和创业担保贷款问题。',
    bodyHtml: qa('《云溪市支持高校毕业生就业创业若干措施》印发后，市人力资源社会保障部门收到不少咨询。现将常见问题解答如下。', [
      ['企业申领一次性吸纳就业补贴需要什么条件？', '企业为中小微企业，招用毕业年度或离校2年内未就业高校毕业生，签订1年以上劳动合同，并为其连续缴纳3个月以上社会保险费。'],
      ['见习补贴发给谁？', '见习补贴发给见习单位，用于支付见习人员基本生活费、办理人身意外伤害保险等。'],
      ['创业担保贷款最多能贷多少？', '个人最高30万元，合伙创业的可按每人不超过30万元、总额不超过150万元申请。'],
      ['政策执行到什么时候？', '自2025年6月1日起施行，有效期至2027年12月31日。'],
    ]),
  }),
  interp({
    key: 'yunxi-plan-air-jd', interprets: 'yunxi-plan-air', agency: 'yunxi-eco',
    title: '《云溪市空气质量持续改善行动方案（2025—2027年）》解读', theme: 'urban.environment',
    dateFormed: '2025-06-10', published: '2025-06-12',
    keywords: '空气质量 行动方案 解读', summary: '解读空气质量持续改善行动方案的目标设定依据和产业、能源、交通、面源四个方面的重点任务。',
    bodyHtml: sections(
      '2024年全市细颗粒物年均浓度为32微克每立方米，优良天数比率为84.2%，与省下达的目标仍有差距，臭氧污染问题逐步显现。',
      ['产业结构：推进钢铁、水泥等重点行业超低排放改造。', '能源结构：城市建成区基本淘汰35蒸吨以下燃煤锅炉。', '交通结构：公交车、出租车新增和更新全部使用新能源车辆。', '面源治理：落实施工工地扬尘防治措施。'],
      ['目标值是根据近五年浓度变化趋势、重点减排工程减排量测算确定的，具有一定挑战性但经过努力可以实现。'],
    ),
  }),
  interp({
    key: 'yunxi-edu-norm-enrol-jd', interprets: 'yunxi-edu-norm-enrol', agency: 'yunxi-edu',
    title: '《云溪市义务教育阶段学校招生入学管理办法》解读', theme: 'science',
    dateFormed: '2025-03-21', published: '2025-03-21',
    keywords: '义务教育 招生入学 解读', summary: '解读义务教育招生入学办法中的学区划分、随迁子女入学和民办学校随机录取规定。',
    bodyHtml: qa('针对家长普遍关心的问题，市教育局作如下解读。', [
      ['学区划分结果什么时候公布？', '各县（区）教育行政部门于每年5月底前向社会公布学区划分结果。'],
      ['随迁子女如何入学？', '以居住证为主要依据，在居住地所在学区入学。'],
      ['民办学校报名人数超过计划怎么办？', '实行电脑随机录取，不得以面试、考试等方式选拔学生。'],
    ]),
    corrections: [{
      published: '2025-03-24',
      changeNote: '补充咨询电话。',
      bodyHtml: body(
        qa('针对家长普遍关心的问题，市教育局作如下解读。', [
          ['学区划分结果什么时候公布？', '各县（区）教育行政部门于每年5月底前向社会公布学区划分结果。'],
          ['随迁子女如何入学？', '以居住证为主要依据，在居住地所在学区入学。'],
          ['民办学校报名人数超过计划怎么办？', '实行电脑随机录取，不得以面试、考试等方式选拔学生。'],
        ]),
        contact('yunxi-edu', '市教育局基础教育科'),
      ),
    }],
  }),
  interp({
    key: 'yunxi-finance-norm-procure-jd', interprets: 'yunxi-finance-norm-procure', agency: 'yunxi-finance',
    title: '2026年版云溪市政府集中采购目录及采购限额标准解读', theme: 'finance',
    dateFormed: '2025-12-12', published: '2025-12-15',
    keywords: '政府采购 集中采购目录 解读', summary: '说明2026年版集中采购目录的调整内容：精简集中采购品目，分散采购限额标准保持不变。',
    bodyHtml: sections(
      '为落实政府采购制度改革要求，进一步简化采购程序、提高采购效率，市财政局对2024年版目录进行了修订。',
      ['集中采购品目由14项精简为4项，取消了打印机、空调机等通用办公设备的集中采购要求。', '分散采购限额标准保持货物和服务100万元、工程120万元不变。', '公开招标数额标准保持400万元不变。'],
      ['各单位采购限额标准以下的项目，应当按照内部控制制度自行采购，并做好采购记录。'],
    ),
  }),
  interp({
    key: 'yunxi-eco-norm-dust-jd', interprets: 'yunxi-eco-norm-dust', agency: 'yunxi-eco',
    title: '《云溪市建设工程扬尘污染防治管理办法》解读', theme: 'urban.environment',
    dateFormed: '2024-10-23', published: '2024-10-25',
    keywords: '扬尘污染 六个百分之百 解读', summary: '解读扬尘污染防治管理办法中的责任划分、“六个百分之百”和在线监测要求。',
    bodyHtml: qa('现就《云溪市建设工程扬尘污染防治管理办法》有关内容解读如下。', [
      ['“六个百分之百”指什么？', '周边围挡、物料堆放覆盖、出入车辆冲洗、施工现场地面硬化、拆迁工地湿法作业、渣土车辆密闭运输，均须做到百分之百。'],
      ['哪些工地需要安装在线监测设备？', '建筑面积5000平方米以上的工地应当安装扬尘在线监测设备，并与生态环境部门联网。'],
      ['违反办法有什么后果？', '依照大气污染防治法等予以处罚，并记入建筑市场信用档案，影响企业投标资格。'],
    ]),
  }),
  interp({
    key: 'qingshan-norm-homestead-jd', interprets: 'qingshan-norm-homestead', agency: 'qingshan-land',
    title: '《青山县农村宅基地管理实施办法》政策解读', theme: 'land',
    dateFormed: '2025-02-24', published: '2025-02-26',
    keywords: '宅基地 一户一宅 解读', summary: '解读农村宅基地管理实施办法中的申请条件、面积标准和审批流程。',
    bodyHtml: body(
      qa('为便于群众了解宅基地申请有关规定，县自然资源局对《青山县农村宅基地管理实施办法》解读如下。', [
        ['哪些人可以申请宅基地？', '本集体经济组织成员，以户为单位申请，且符合“一户一宅”要求。'],
        ['宅基地面积有多大？', '使用耕地的每户不超过140平方米，使用其他土地的不超过180平方米。'],
        ['审批要多长时间？', '乡镇人民政府自受理之日起20个工作日内作出决定。'],
      ]),
      contact('qingshan-land'),
    ),
  }),
  interp({
    key: 'qingshan-plan-tourism-jd', interprets: 'qingshan-plan-tourism', agency: 'qingshan-office',
    title: '图文解读：《青山县全域旅游发展规划（2025—2035年）》', theme: 'commerce',
    dateFormed: '2025-04-28', published: '2025-04-29',
    keywords: '全域旅游 规划解读', summary: '从空间布局、发展目标和重点项目三个方面解读青山县全域旅游发展规划。',
    bodyHtml: sections(
      '2024年全县接待游客356万人次，旅游总收入28.4亿元，但存在景区分散、配套不足、产品单一等问题。',
      ['空间布局“一核两带三区”。', '到2035年年接待游客800万人次，旅游总收入70亿元。', '实施古镇修缮、森林步道、茶园康养三大重点项目。'],
      ['规划实施将坚持生态优先，严格落实生态保护红线管控要求。'],
    ),
  }),
  interp({
    key: 'baishui-norm-oldcomm-jd', interprets: 'baishui-norm-oldcomm', agency: 'baishui-office',
    title: '《白水区城镇老旧小区改造实施办法》解读', theme: 'urban.planning',
    dateFormed: '2025-06-03', published: '2025-06-05',
    keywords: '老旧小区改造 加装电梯 解读', summary: '解读老旧小区改造的范围、改造内容分类、居民同意比例和资金分担方式。',
    bodyHtml: qa('现就《白水区城镇老旧小区改造实施办法》中居民关心的问题解答如下。', [
      ['哪些小区可以纳入改造？', '本区2000年底前建成、失养失修失管、市政配套设施不完善的住宅小区。'],
      ['改造需要多少居民同意？', '须经小区三分之二以上居民同意，改造方案在小区内公示不少于7日。'],
      ['加装电梯居民要出钱吗？', '加装电梯属于完善类改造，实行政府补助与居民出资相结合，具体分摊比例由居民协商确定。'],
    ]),
  }),
  interp({
    key: 'baishui-norm-childcare-jd', interprets: 'baishui-norm-childcare', agency: 'baishui-office',
    title: '《白水区普惠托育服务机构运营补助办法》政策解读', theme: 'population',
    dateFormed: '2026-06-22', published: '2026-06-23',
    keywords: '普惠托育 运营补助 解读', summary: '说明普惠托育运营补助的对象、标准、发放方式和公示要求。',
    bodyHtml: sections(
      '全区3岁以下婴幼儿约1.1万人，托育服务需求旺盛，但普惠性托位供给不足、价格偏高。',
      ['补助对象：备案且收费不高于指导价的托育机构。', '运营补助：每收托1名婴幼儿每月补助300元。', '建设补助：新建普惠托位每个5000元。'],
      ['补助资金直接拨付给托育机构，家长无需申请，但可以通过机构收费降低获益。', '咨询电话：0991-6100010。'],
    ),
  }),
];
