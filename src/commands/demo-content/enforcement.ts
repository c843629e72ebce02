/**
 * Administrative penalties (行政处罚决定) and licensing (行政许可) results. Parties are fictional
 * companies; no natural persons are named.
 */
import { addDays, body, contact, h2, nameOf, ol, p, table } from './html.js';
import type { DemoDocument } from './types.js';

interface Penalty {
  key: string;
  agency: string;
  docNumber: string;
  theme: string;
  party: string;
  address: string;
  facts: string;
  evidence: readonly string[];
  basis: string;
  decision: readonly string[];
  formed: string;
  /** Calendar days from decision to publication. */
  delay: number;
  short: string;
  corrections?: DemoDocument['corrections'];
}

function penaltyBody(x: Penalty, basis: string): string {
  const owner = nameOf(x.agency);
  return body(
    p(`当事人：${x.party}`),
    p(`住所：${x.address}`),
    p(`${x.facts}本机关依法立案调查，并向当事人送达了行政处罚事先告知书，告知其陈述、申辩和申请听证的权利。当事人在规定期限内未提出听证申请。`),
    h2('一、违法事实和证据'),
    p('上述事实有以下证据为证：'),
    ol(x.evidence),
    h2('二、行政处罚的依据和决定'),
    p(`当事人的上述行为违反了${basis}。本机关决定对当事人作出如下行政处罚：`),
    ol(x.decision),
    h2('三、履行方式和期限'),
    p('当事人应当自收到本决定书之日起15日内，通过非税收入缴款码将罚款缴入国库。到期不缴纳罚款的，每日按罚款数额的3%加处罚款。'),
    h2('四、救济途径'),
    p(`当事人如不服本决定，可以在收到本决定书之日起60日内依法申请行政复议，或者在6个月内依法向人民法院提起行政诉讼。申请行政复议或者提起行政诉讼的，不停止本决定的执行。`),
    p(`${owner}`),
    contact(x.agency),
  );
}

function penalty(x: Penalty): DemoDocument {
  return {
    key: x.key,
    agency: x.agency,
    title: `行政处罚决定书（${x.docNumber}）`,
    docNumber: x.docNumber,
    genre: 'penalties',
    theme: x.theme,
    dateFormed: x.formed,
    published: addDays(x.formed, x.delay),
    isNormative: false,
    keywords: `行政处罚 ${x.short}`,
    summary: `${x.party}${x.short}，依法作出${x.decision.join('；').replace(/。/g, '')}的行政处罚。`,
    bodyHtml: penaltyBody(x, x.basis),
    ...(x.corrections ? { corrections: x.corrections } : {}),
  };
}

const PENALTIES_RAW: Penalty[] = [
  {
    key: 'yunxi-eco-penalty-2025-7', agency: 'yunxi-eco', docNumber: '云环罚〔2025〕7号', theme: 'urban.environment',
    party: '云溪市宏达建材有限公司', address: '云溪市临河区工业园纬二路18号', short: '施工工地未采取有效扬尘防治措施',
    facts: '2025年3月12日，本机关执法人员对当事人承建的临河区滨江花园三期项目工地进行现场检查，发现工地内约1200平方米裸露土方未覆盖，出入口车辆冲洗设施未正常使用。',
    evidence: ['现场检查（勘察）笔录1份；', '现场照片12张、视频资料2段；', '调查询问笔录1份；', '营业执照复印件1份。'],
    basis: '《中华人民共和国大气污染防治法》第六十九条第三款的规定，依据该法第一百一十五条第一款第一项',
    decision: ['罚款人民币3万元。'], formed: '2025-04-10', delay: 6,
  },
  {
    key: 'yunxi-eco-penalty-2025-19', agency: 'yunxi-eco', docNumber: '云环罚〔2025〕19号', theme: 'urban.environment',
    party: '云溪市华兴化工有限公司', address: '云溪市东岭县化工集中区创业路6号', short: '超过水污染物排放标准排放水污染物',
    facts: '2025年6月5日，本机关对当事人废水总排口进行执法监测，化学需氧量浓度为186毫克每升，超过《污水综合排放标准》规定限值0.86倍。',
    evidence: ['监测报告1份；', '现场检查笔录1份；', '排污许可证副本复印件1份。'],
    basis: '《中华人民共和国水污染防治法》第十条的规定，依据该法第八十三条第二项',
    decision: ['责令改正违法行为。', '罚款人民币18万元。'], formed: '2025-07-22', delay: 8,
  },
  {
    key: 'yunxi-eco-penalty-2025-33', agency: 'yunxi-eco', docNumber: '云环罚〔2025〕33号', theme: 'urban.environment',
    party: '云溪市顺通汽车维修有限公司', address: '云溪市白水区滨河路208号', short: '未按规定贮存危险废物',
    facts: '2025年9月3日，本机关执法人员检查发现，当事人将废机油、废油桶等危险废物露天堆放于厂区后院，未设置危险废物识别标志。',
    evidence: ['现场检查笔录1份；', '现场照片8张；', '调查询问笔录1份。'],
    basis: '《中华人民共和国固体废物污染环境防治法》第八十一条的规定，依据该法第一百一十二条第一款第六项',
    decision: ['责令改正违法行为。', '罚款人民币12万元。'], formed: '2025-10-28', delay: 40,
  },
  {
    key: 'yunxi-eco-penalty-2026-12', agency: 'yunxi-eco', docNumber: '云环罚〔2026〕12号', theme: 'urban.environment',
    party: '云溪市金辉印务有限公司', address: '云溪市临河区印刷产业园3号楼', short: '未在密闭空间内进行产生挥发性有机物废气的生产活动',
    facts: '2026年4月16日，本机关执法人员检查发现，当事人覆膜工序在敞开车间内作业，未收集处理挥发性有机物废气。',
    evidence: ['现场检查笔录1份；', '现场照片6张；', '生产记录复印件1份。'],
    basis: '《中华人民共和国大气污染防治法》第四十五条的规定，依据该法第一百零八条第一项',
    decision: ['责令改正违法行为。', '罚款人民币5万元。'], formed: '2026-05-21', delay: 5,
    corrections: [],
  },
  {
    key: 'qingshan-land-penalty-2025-3', agency: 'qingshan-land', docNumber: '青自然资罚〔2025〕3号', theme: 'land',
    party: '青山县鑫源石料有限公司', address: '青山县北山乡石门村', short: '超越批准的矿区范围采矿',
    facts: '2025年2月，本机关在卫片执法检查中发现，当事人在采矿许可证载明的矿区范围外开采建筑石料，越界开采面积约0.42公顷。',
    evidence: ['卫星遥感影像比对资料；', '实地测量报告1份；', '采矿许可证复印件1份；', '调查询问笔录2份。'],
    basis: '《中华人民共和国矿产资源法》的有关规定，依据该法及其实施细则的相应条款',
    decision: ['责令退回本矿区范围内开采。', '没收越界开采的矿产品。', '罚款人民币8.6万元。'], formed: '2025-05-14', delay: 7,
  },
  {
    key: 'qingshan-land-penalty-2026-2', agency: 'qingshan-land', docNumber: '青自然资罚〔2026〕2号', theme: 'land',
    party: '青山县绿禾农业开发有限公司', address: '青山县城关镇河湾村', short: '未经批准占用耕地建设',
    facts: '2026年3月，本机关接群众举报后调查发现，当事人未经批准在河湾村占用耕地0.31公顷建设仓储用房。',
    evidence: ['现场勘测报告1份；', '土地利用现状图；', '调查询问笔录1份。'],
    basis: '《中华人民共和国土地管理法》第四十四条的规定，依据该法第七十七条第一款',
    decision: ['责令退还非法占用的土地，限期拆除新建的建筑物和其他设施，恢复土地原状。', '罚款人民币6.2万元。'], formed: '2026-06-09', delay: 9,
  },
  {
    key: 'yunxi-edu-penalty-2025-2', agency: 'yunxi-edu', docNumber: '云教罚〔2025〕2号', theme: 'science',
    party: '云溪市博思文化传播有限公司', address: '云溪市临河区文昌路45号', short: '未经许可开展面向中小学生的学科类校外培训',
    facts: '2025年7月，本机关联合有关部门检查发现，当事人未取得办学许可，以“研学营”名义面向初中学生开展数学、英语学科类培训。',
    evidence: ['现场检查笔录1份；', '招生宣传材料；', '收费记录复印件。'],
    basis: '《中华人民共和国民办教育促进法》及《校外培训行政处罚暂行办法》的有关规定',
    decision: ['责令停止培训活动。', '退还所收费用。', '罚款人民币5万元。'], formed: '2025-08-26', delay: 4,
  },
  {
    key: 'baishui-penalty-2026-15', agency: 'baishui', docNumber: '白综执罚〔2026〕15号', theme: 'urban',
    party: '云溪市恒昌商贸有限公司', address: '云溪市白水区望江路12号', short: '未经批准擅自设置大型户外广告设施',
    facts: '2026年5月，区综合行政执法局执法人员巡查发现，当事人在其经营场所楼顶擅自设置大型户外广告牌一块，面积约36平方米。',
    evidence: ['现场检查笔录1份；', '现场照片4张。'],
    basis: '《云溪市市容和环境卫生管理条例》的有关规定',
    decision: ['责令限期拆除。', '罚款人民币5000元。'], formed: '2026-06-17', delay: 6,
  },
  {
    key: 'jiangchuan-penalty-2026-8', agency: 'jiangchuan', docNumber: '江应急罚〔2026〕8号', theme: 'market',
    party: '江川港联仓储有限公司', address: '江川市港区作业区东路1号', short: '未按规定对从业人员进行安全生产教育和培训',
    facts: '2026年2月，市应急管理局执法人员检查发现，当事人新招用的12名装卸作业人员未经安全生产教育和培训即上岗作业。',
    evidence: ['现场检查记录1份；', '培训档案复印件；', '调查询问笔录1份。'],
    basis: '《中华人民共和国安全生产法》第二十八条的规定，依据该法第九十七条第三项',
    decision: ['责令限期改正。', '罚款人民币4万元。'], formed: '2026-03-19', delay: 7,
  },
  {
    key: 'qingshan-town-penalty-2026-1', agency: 'qingshan-town', docNumber: '城综执罚〔2026〕1号', theme: 'urban.planning',
    party: '青山县立达建筑工程有限公司', address: '青山县城关镇府前街66号', short: '未取得乡村建设规划许可证进行建设',
    facts: '2026年7月，镇综合行政执法队巡查发现，当事人在东坪村未取得乡村建设规划许可证建设临时办公用房约280平方米。',
    evidence: ['现场检查笔录1份；', '现场照片5张；', '测量记录1份。'],
    basis: '《中华人民共和国城乡规划法》第四十一条的规定，依据该法第六十五条',
    decision: ['责令停止建设、限期改正；逾期不改正的，依法拆除。'], formed: '2026-08-11', delay: 8,
  },
];

/** One penalty was first published with a wrong article number in its legal basis. */
export const PENALTIES: DemoDocument[] = [
  ...PENALTIES_RAW.map((x) => {
    if (!x.corrections) return penalty(x);
    const right = penalty({ ...x, corrections: undefined });
    const wrongBody = penaltyBody(x, x.basis.replace('第一百零八条', '第一百零六条'));
    return {
      ...right,
      bodyHtml: wrongBody,
      corrections: [{ published: addDays(right.published, 3), changeNote: '更正第二部分中处罚依据的条款序号。', bodyHtml: right.bodyHtml }],
    };
  }),
  {
    key: 'yunxi-eco-penalty-summary-2025q4',
    agency: 'yunxi-eco',
    title: '云溪市生态环境局2025年第四季度行政处罚案件信息公开',
    docNumber: '',
    genre: 'penalties',
    theme: 'urban.environment',
    dateFormed: '2026-01-09',
    published: '2026-01-14',
    isNormative: false,
    keywords: '行政处罚 案件信息 季度公开',
    summary: '公开2025年第四季度作出的6件生态环境行政处罚案件信息，罚款合计49.5万元。',
    bodyHtml: body(
      p('根据行政执法公示制度，现将本局2025年第四季度作出的行政处罚案件信息公开如下：'),
      table(['决定书文号', '当事人', '主要违法事实', '处罚内容'], [
        ['云环罚〔2025〕38号', '云溪市恒泰混凝土有限公司', '物料堆场未密闭', '罚款4万元'],
        ['云环罚〔2025〕39号', '云溪市天成纺织有限公司', '未按规定开展自行监测', '罚款3万元'],
        ['云环罚〔2025〕41号', '东岭县鸿运再生资源有限公司', '无证收集贮存危险废物', '罚款20万元'],
        ['云环罚〔2025〕42号', '云溪市佳美家具制造有限公司', '喷漆工序未收集废气', '罚款6万元'],
        ['云环罚〔2025〕44号', '西湾县安泰石材有限公司', '未批先建', '罚款12万元'],
        ['云环罚〔2025〕45号', '云溪市康洁医疗废物处置有限公司', '台账记录不完整', '罚款4.5万元'],
      ]),
      contact('yunxi-eco', '市生态环境局法规科'),
    ),
  },
];

function lic(o: Omit<DemoDocument, 'genre' | 'isNormative'> & { isNormative?: boolean }): DemoDocument {
  return { ...o, genre: 'licensing', isNormative: o.isNormative ?? false };
}

export const LICENSING: DemoDocument[] = [
  lic({
    key: 'yunxi-eco-eia-waterworks', agency: 'yunxi-eco', title: '关于云溪市第三水厂及配套管网工程环境影响报告表的批复', docNumber: '云环审〔2025〕41号',
    theme: 'urban.environment', dateFormed: '2025-06-26', published: '2025-07-01', keywords: '环境影响评价 审批 水厂',
    summary: '原则同意云溪市第三水厂及配套管网工程环境影响报告表的结论，提出施工期和运营期环境保护要求。',
    bodyHtml: body(
      p('云溪市水务集团有限公司：'),
      p('你单位报送的《云溪市第三水厂及配套管网工程环境影响报告表》收悉。经研究，批复如下：'),
      ol(['项目位于临河区北郊，建设日供水能力20万立方米的水厂一座及配套管网46公里。在落实报告表提出的各项生态环境保护措施后，项目建设对环境的不利影响能够得到缓解和控制，我局原则同意报告表结论。', '施工期应当落实扬尘防治措施，夜间施工须依法办理手续。', '排泥水须经处理后回用或达标排放。', '项目竣工后，应当按规定开展竣工环境保护验收。']),
      contact('yunxi-eco', '市生态环境局环评科'),
    ),
  }),
  lic({
    key: 'yunxi-eco-eia-coatings', agency: 'yunxi-eco', title: '关于云溪市宏远新材料有限公司年产2万吨水性涂料项目环境影响报告书的批复', docNumber: '云环审〔2026〕17号',
    theme: 'urban.environment', dateFormed: '2026-04-20', published: '2026-04-24', keywords: '环境影响评价 审批 涂料',
    summary: '同意宏远新材料有限公司年产2万吨水性涂料项目建设，要求挥发性有机物收集处理效率不低于90%。',
    bodyHtml: body(
      p('云溪市宏远新材料有限公司：'),
      p('你公司报送的环境影响报告书及技术评估意见收悉。经审查，批复如下：'),
      ol(['项目位于东岭县化工集中区，在全面落实报告书提出的污染防治措施后，污染物能够达标排放，同意项目建设。', '挥发性有机物废气收集处理效率不低于90%，排放浓度执行地方标准。', '项目须在投入生产前申领排污许可证。']),
    ),
  }),
  lic({
    key: 'yunxi-eco-eia-monthly-2026-10', agency: 'yunxi-eco', title: '云溪市生态环境局2026年10月建设项目环境影响评价文件审批决定公告', docNumber: '',
    theme: 'urban.environment', dateFormed: '2026-11-04', published: '2026-11-06', keywords: '环评审批 决定公告',
    summary: '公告2026年10月作出的4个建设项目环境影响评价文件审批决定。',
    bodyHtml: body(
      table(['项目名称', '建设地点', '审批文号', '审批结果'], [
        ['临河区污水处理厂提标改造工程', '临河区', '云环审〔2026〕52号', '批准'],
        ['西湾县生活垃圾焚烧发电项目（二期）', '西湾县', '云环审〔2026〕53号', '批准'],
        ['云溪市中心医院门诊综合楼', '白水区', '云环审〔2026〕54号', '批准'],
        ['东岭县石英砂加工项目', '东岭县', '—', '不予批准'],
      ]),
      p('对上述审批决定不服的，可以在知道该决定之日起60日内申请行政复议，或者在6个月内提起行政诉讼。'),
      contact('yunxi-eco', '市生态环境局环评科'),
    ),
  }),
  lic({
    key: 'yunxi-edu-license-school', agency: 'yunxi-edu', title: '云溪市教育局关于同意设立云溪市明德实验学校的批复', docNumber: '云教审〔2025〕6号',
    theme: 'science', dateFormed: '2025-06-12', published: '2025-06-16', keywords: '办学许可 民办学校 设立',
    summary: '同意设立九年一贯制非营利性民办学校云溪市明德实验学校，办学规模为36个教学班。',
    bodyHtml: body(
      p('云溪明德教育发展基金会：'),
      p('你单位《关于申请正式设立云溪市明德实验学校的请示》收悉。经审核，符合设立条件，现批复如下：'),
      ol(['同意设立云溪市明德实验学校，学校性质为非营利性民办学校。', '办学层次为九年一贯制义务教育，办学规模为36个教学班。', '学校招生纳入全市义务教育招生统一管理，严禁考试招生。']),
      p('请你单位持本批复到有关部门办理登记手续。'),
    ),
  }),
  lic({
    key: 'yunxi-office-licensing-list-2025', agency: 'yunxi-office', title: '云溪市人民政府办公室关于公布云溪市行政许可事项清单（2025年版）的通知', docNumber: '云政办发〔2025〕21号',
    theme: 'general', dateFormed: '2025-08-25', published: '2025-09-01', keywords: '行政许可事项清单 审批制度改革', isNormative: true,
    summary: '公布市级行政许可事项清单共计312项，清单之外不得违法实施行政许可。',
    bodyHtml: body(
      p('各县（区）人民政府，市政府各部门：'),
      p('经市人民政府同意，现将《云溪市行政许可事项清单（2025年版）》予以公布，并就有关事项通知如下：'),
      ol(['清单共列入市级行政许可事项312项，其中依据法律设定的146项、依据行政法规设定的121项、依据地方性法规设定的45项。', '各部门要依照清单编制实施规范和办事指南，并在政务服务平台公布。', '严禁在清单之外以备案、证明、目录、计划、规划、指定、认证、年检等名义变相设定行政许可。']),
      contact('yunxi-office'),
    ),
  }),
  lic({
    key: 'qingshan-land-planning-permits-2026q2', agency: 'qingshan-land', title: '青山县2026年第二季度建设用地规划许可证核发信息公示', docNumber: '',
    theme: 'urban.planning', dateFormed: '2026-07-03', published: '2026-08-14', keywords: '建设用地规划许可证 核发 公示',
    summary: '公示2026年第二季度核发的建设用地规划许可证5件。',
    bodyHtml: body(
      table(['证号', '建设单位', '项目名称', '用地面积（平方米）'], [
        ['地字第990121202600011号', '青山县城市建设投资有限公司', '城南安置小区二期', '38620'],
        ['地字第990121202600012号', '青山县第一中学', '学生宿舍楼', '6120'],
        ['地字第990121202600013号', '青山县人民医院', '感染楼', '8450'],
        ['地字第990121202600014号', '青山县水务有限公司', '城北加压泵站', '1860'],
        ['地字第990121202600015号', '青山县茶业发展有限公司', '茶叶精深加工厂房', '21300'],
      ]),
      contact('qingshan-land'),
    ),
  }),
  lic({
    key: 'qingshan-licensing-results-2026q3', agency: 'qingshan-office', title: '青山县2026年第三季度行政许可办理结果公示', docNumber: '',
    theme: 'general', dateFormed: '2026-10-12', published: '2026-10-16', keywords: '行政许可 办理结果 双公示',
    summary: '2026年第三季度县政务服务中心共办结行政许可事项2186件，按时办结率100%。',
    bodyHtml: body(
      table(['部门', '办结件数', '不予许可件数', '平均办理时间（工作日）'], [
        ['县市场监督管理局', '1124', '6', '1.2'],
        ['县交通运输局', '386', '2', '3.5'],
        ['县卫生健康局', '248', '1', '4.1'],
        ['县自然资源局', '213', '3', '6.8'],
        ['其他部门', '215', '0', '2.9'],
      ]),
      contact('qingshan-office'),
    ),
  }),
  lic({
    key: 'baishui-construction-permits-2026-09', agency: 'baishui-office', title: '白水区2026年9月建筑工程施工许可证核发信息', docNumber: '',
    theme: 'urban', dateFormed: '2026-10-09', published: '2026-11-20', keywords: '施工许可 建筑工程',
    summary: '2026年9月全区核发建筑工程施工许可证3件，总建筑面积12.6万平方米。',
    bodyHtml: body(
      table(['项目名称', '建设单位', '建筑面积（平方米）', '合同价格（万元）'], [
        ['滨河花园四期', '云溪滨河置业有限公司', '82400', '28600'],
        ['白水区社区卫生服务中心迁建', '白水区卫生健康局', '12800', '5120'],
        ['望江路商业综合体', '云溪望江实业有限公司', '30800', '14300'],
      ]),
      contact('baishui-office'),
    ),
  }),
  lic({
    key: 'nanling-licensing-norms', agency: 'nanling-office', title: '南岭省人民政府办公厅关于印发省级行政许可事项实施规范的通知', docNumber: '南政办发〔2026〕7号',
    theme: 'general', dateFormed: '2026-05-18', published: '2026-05-25', keywords: '行政许可 实施规范 标准化', isNormative: true,
    summary: '印发省级186项行政许可事项的实施规范，统一许可条件、申请材料和办理时限。',
    bodyHtml: body(
      p('各市、县人民政府，省政府各部门：'),
      p('为推进行政许可标准化、规范化、便利化，现将省级行政许可事项实施规范印发给你们。'),
      ol(['实施规范包括事项名称、设定依据、许可条件、申请材料、审批程序、办理时限、收费等要素。', '各地不得增加申请材料、延长办理时限。', '实施规范自2026年7月1日起执行。']),
    ),
  }),
  lic({
    key: 'jiangchuan-port-license', agency: 'jiangchuan', title: '江川市港口经营许可决定公告（2026年第2号）', docNumber: '',
    theme: 'industry', dateFormed: '2026-09-14', published: '2026-09-17', keywords: '港口经营许可 行政许可决定',
    summary: '准予江川港联仓储有限公司等2家企业港口经营许可。',
    bodyHtml: body(
      table(['申请人', '经营地域', '业务范围', '有效期'], [
        ['江川港联仓储有限公司', '江川港区作业区', '港口货物装卸、仓储', '至2029年9月'],
        ['江川顺江物流有限公司', '江川港区二作业区', '港口集装箱装卸', '至2029年9月'],
      ]),
      contact('jiangchuan'),
    ),
  }),
];
