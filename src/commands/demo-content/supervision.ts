/** Supervision and inspection results (监督检查), audit follow-up and inspection reports. */
import { body, contact, h2, ol, p, table, ul } from './html.js';
import type { DemoDocument } from './types.js';

function sup(o: Omit<DemoDocument, 'genre' | 'isNormative'>): DemoDocument {
  return { ...o, genre: 'supervision', isNormative: false };
}

const FOOD_ROWS_WRONG = [
  ['1', '散装鲜湿米粉', '白水区鑫丰农贸市场', '2026-07-02', '菌落总数'],
  ['2', '油炸花生米', '白水区望江路某餐饮店', '2026-07-15', '酸价'],
] as const;
const FOOD_ROWS = [
  ['1', '散装鲜湿米粉', '白水区鑫丰农贸市场', '2026-07-02', '菌落总数'],
  ['2', '油炸花生米', '白水区望江路某餐饮店', '2026-07-05', '酸价'],
] as const;

function foodBody(rows: readonly (readonly string[])[]): string {
  return body(
    p('2026年第三季度，区市场监督管理局共组织食品安全监督抽检612批次，检验合格610批次，合格率99.7%。'),
    h2('一、不合格食品情况'),
    table(['序号', '食品名称', '被抽样单位', '生产（购进）日期', '不合格项目'], rows),
    h2('二、核查处置'),
    p('对抽检发现的不合格食品，区市场监督管理局已责令被抽样单位立即采取下架、召回等措施，并依法立案调查。'),
    contact('baishui-office', '白水区市场监督管理局'),
  );
}

export const SUPERVISION: DemoDocument[] = [
  sup({
    key: 'yunxi-eco-random-2025q2', agency: 'yunxi-eco', title: '云溪市生态环境局2025年第二季度“双随机、一公开”执法检查结果', docNumber: '',
    theme: 'urban.environment', dateFormed: '2025-07-08', published: '2025-07-11', keywords: '双随机一公开 执法检查 污染源',
    summary: '2025年第二季度随机抽查污染源企业86家，发现问题12家，已全部责令整改，立案查处3家。',
    bodyHtml: body(
      p('按照“双随机、一公开”监管要求，本局于2025年第二季度从污染源监管动态信息库中随机抽取检查对象，随机选派执法人员开展检查。结果如下：'),
      table(['抽查类别', '抽查企业数', '发现问题企业数', '立案查处数'], [['重点排污单位', '24', '4', '2'], ['一般排污单位', '52', '7', '1'], ['特殊监管对象', '10', '1', '0']]),
      p('发现的问题主要包括：环保设施运行台账不规范、危险废物标识不全、自行监测频次不足等。'),
      contact('yunxi-eco'),
    ),
  }),
  sup({
    key: 'yunxi-eco-key-polluters-2026', agency: 'yunxi-eco', title: '云溪市2026年环境监管重点单位名录', docNumber: '',
    theme: 'urban.environment', dateFormed: '2026-03-25', published: '2026-05-12', keywords: '重点排污单位 名录 环境监管',
    summary: '公布2026年水环境、大气环境、土壤污染和环境风险重点监管单位共148家。',
    bodyHtml: body(
      table(['类别', '单位数（家）', '较上年变化'], [['水环境重点排污单位', '42', '+3'], ['大气环境重点排污单位', '56', '-2'], ['土壤污染重点监管单位', '31', '+4'], ['环境风险重点管控单位', '19', '0']]),
      p('名录内单位应当依法安装使用自动监测设备，并通过全国排污许可证管理信息平台公开自行监测信息。'),
      contact('yunxi-eco'),
    ),
  }),
  sup({
    key: 'yunxi-openness-assessment-2025', agency: 'yunxi-office', title: '云溪市人民政府办公室关于2025年度政务公开工作考核结果的通报', docNumber: '云政办函〔2026〕9号',
    theme: 'general.inspection', dateFormed: '2026-02-27', published: '2026-03-04', keywords: '政务公开 考核 通报',
    summary: '通报2025年度各县（区）政府和市直部门政务公开工作考核结果，白水区等4个单位为优秀等次。',
    bodyHtml: body(
      p('各县（区）人民政府，市政府各部门：'),
      p('根据《云溪市政务公开工作考核办法》，市政府办公室组织开展了2025年度政务公开工作考核。现将结果通报如下：'),
      h2('一、考核结果'),
      ul(['县（区）政府优秀等次：白水区、青山县。', '市直部门优秀等次：市财政局、市生态环境局。']),
      h2('二、存在问题'),
      ol(['部分单位规范性文件未在规定时限内公开。', '个别单位政策解读与文件发布不同步。', '依申请公开答复文书说理不充分。']),
      p('各单位要针对问题于2026年4月底前完成整改。'),
    ),
  }),
  sup({
    key: 'prov-website-inspection-2025', agency: 'prov-office', title: '示范省人民政府办公厅关于2025年第一次全省政府网站和政务新媒体检查情况的通报', docNumber: '示政办函〔2025〕22号',
    theme: 'general.inspection', dateFormed: '2025-04-15', published: '2025-04-21', keywords: '政府网站 政务新媒体 抽查 通报',
    summary: '抽查全省政府网站126个、政务新媒体318个，总体合格率分别为97.6%和96.2%。',
    bodyHtml: body(
      p('2025年第一季度，省政府办公厅对全省政府网站和政务新媒体进行了抽查。'),
      table(['类别', '抽查数量', '合格数量', '合格率'], [['政府网站', '126', '123', '97.6%'], ['政务新媒体', '318', '306', '96.2%']]),
      p('不合格的主要原因是：内容长期未更新、互动回应不及时、存在错链断链。有关单位要在通报印发之日起15个工作日内完成整改。'),
    ),
  }),
  sup({
    key: 'prov-audit-rectification-2024', agency: 'prov', title: '关于2024年度省级预算执行和其他财政收支审计查出问题整改情况的报告', docNumber: '',
    theme: 'finance.audit', dateFormed: '2025-12-02', published: '2025-12-10', keywords: '审计整改 预算执行 财政收支',
    summary: '2024年度审计工作报告反映的186个问题中，已整改到位171个，整改金额38.6亿元，制定完善制度52项。',
    bodyHtml: body(
      p('受省人民政府委托，现将2024年度省级预算执行和其他财政收支审计查出问题的整改情况报告如下。'),
      h2('一、整改总体情况'),
      table(['问题类别', '问题数', '已整改', '整改中'], [['财政管理', '48', '45', '3'], ['部门预算执行', '62', '59', '3'], ['重点专项资金', '51', '45', '6'], ['国有资产', '25', '22', '3']]),
      h2('二、尚未完成整改的问题及下一步安排'),
      p('对需要长期整改的15个问题，有关部门已制定分阶段整改计划，省审计厅将持续跟踪督促。'),
    ),
  }),
  sup({
    key: 'yunxi-edu-training-inspection-2025', agency: 'yunxi-edu', title: '2025年秋季学期校外培训机构专项检查结果公示', docNumber: '',
    theme: 'science', dateFormed: '2025-11-20', published: '2025-11-25', keywords: '校外培训 专项检查 预收费监管',
    summary: '检查校外培训机构214家，发现预收费超期、培训内容不规范等问题机构17家，已全部责令整改。',
    bodyHtml: body(
      p('2025年10月至11月，市教育局会同市场监管等部门对全市校外培训机构开展了专项检查。'),
      table(['检查内容', '检查机构数', '问题机构数'], [['资质条件', '214', '3'], ['预收费监管', '214', '9'], ['培训内容与时间', '214', '5']]),
      p('家长在选择校外培训机构时，可以通过全国校外教育培训监管与服务综合平台查询机构资质。'),
      contact('yunxi-edu'),
    ),
  }),
  sup({
    key: 'qingshan-safety-inspection-2026h1', agency: 'qingshan-office', title: '青山县人民政府办公室关于2026年上半年安全生产大检查情况的通报', docNumber: '青政办函〔2026〕11号',
    theme: 'market', dateFormed: '2026-07-06', published: '2026-07-10', keywords: '安全生产 大检查 隐患整改',
    summary: '上半年全县共检查生产经营单位1268家，排查一般隐患2134项，整改率98.6%，无重大隐患挂牌督办。',
    bodyHtml: body(
      p('各乡镇人民政府，县政府各部门：'),
      p('现将2026年上半年全县安全生产大检查情况通报如下：'),
      table(['行业领域', '检查单位数', '发现隐患', '已整改'], [['非煤矿山', '18', '146', '143'], ['危险化学品', '26', '212', '210'], ['建筑施工', '94', '688', '675'], ['道路交通', '136', '402', '398'], ['其他', '994', '686', '678']]),
      p('各乡镇、各部门要对未整改的29项隐患逐项落实责任人和整改时限。'),
    ),
  }),
  sup({
    key: 'baishui-food-sampling-2026q3', agency: 'baishui-office', title: '白水区2026年第三季度食品安全监督抽检结果', docNumber: '',
    theme: 'health', dateFormed: '2026-10-15', published: '2026-10-20', keywords: '食品安全 监督抽检 不合格',
    summary: '第三季度抽检食品612批次，合格610批次，2批次不合格食品已依法处置。',
    bodyHtml: foodBody(FOOD_ROWS_WRONG),
    corrections: [{ published: '2026-10-23', changeNote: '更正不合格食品情况表第2项的购进日期。', bodyHtml: foodBody(FOOD_ROWS) }],
  }),
  sup({
    key: 'jiangchuan-product-quality-2025', agency: 'jiangchuan', title: '江川市2025年产品质量监督抽查结果通报', docNumber: '',
    theme: 'market', dateFormed: '2025-12-16', published: '2026-02-06', keywords: '产品质量 监督抽查 不合格产品',
    summary: '2025年共抽查12类产品320批次，不合格11批次，不合格发现率3.4%。',
    bodyHtml: body(
      table(['产品类别', '抽查批次', '不合格批次'], [['电动自行车', '36', '2'], ['儿童玩具', '48', '3'], ['电线电缆', '40', '1'], ['建筑用钢筋', '30', '0'], ['其他', '166', '5']]),
      p('对抽查不合格的产品，市市场监督管理局已依法责令生产者、销售者停止生产销售并限期整改。'),
    ),
  }),
  sup({
    key: 'nanling-business-evaluation-2025', agency: 'nanling-office', title: '南岭省人民政府办公厅关于2025年度营商环境评价结果的通报', docNumber: '南政办函〔2026〕3号',
    theme: 'economy', dateFormed: '2026-04-08', published: '2026-05-29', keywords: '营商环境 评价 通报',
    summary: '通报2025年度全省各市营商环境评价结果，并对排名靠后的指标提出整改要求。',
    bodyHtml: body(
      p('根据《南岭省持续优化营商环境若干措施》，省政府办公厅委托第三方机构开展了2025年度营商环境评价。'),
      ol(['开办企业、获得电力、政务服务等指标整体表现较好。', '办理建筑许可、执行合同、获得信贷等指标仍有提升空间。', '涉企行政检查频次明显下降，企业满意度提高4.2个百分点。']),
      p('各市要对照评价报告逐项制定整改措施，并于2026年6月底前报送整改方案。'),
    ),
  }),
];
