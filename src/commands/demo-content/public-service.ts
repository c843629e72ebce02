/** Recruitment (招录), emergencies (突发公共事件) and the annual reports (年度报告). */
import { body, contact, h2, ol, p, table, ul } from './html.js';
import type { DemoDocument } from './types.js';

type Fields = Omit<DemoDocument, 'genre' | 'isNormative'> & { isNormative?: boolean };

function recruit(o: Fields): DemoDocument {
  return { ...o, genre: 'recruitment', isNormative: o.isNormative ?? false };
}

function emergency(o: Fields): DemoDocument {
  return { ...o, genre: 'emergency', isNormative: o.isNormative ?? false };
}

const RECRUIT_STEPS = ['网上报名', '资格初审', '笔试', '资格复审', '面试', '体检和考察', '公示和录用'];

export const RECRUITMENT: DemoDocument[] = [
  recruit({
    key: 'prov-civil-service-2026', agency: 'prov-office', title: '示范省2026年度考试录用公务员公告', docNumber: '',
    theme: 'labour.recruitment', dateFormed: '2026-01-28', published: '2026-02-02', keywords: '公务员 考试录用 招考公告',
    summary: '全省各级机关计划录用公务员3260名，网上报名时间为2026年2月9日至2月15日。',
    bodyHtml: body(
      p('根据公务员法和公务员录用有关规定，示范省2026年度考试录用公务员工作即将开始。现将有关事项公告如下：'),
      h2('一、招录计划'),
      table(['机关层级', '计划录用人数'], [['省级机关', '380'], ['市级机关', '1020'], ['县级机关', '1340'], ['乡镇机关', '520']]),
      h2('二、报考条件'),
      ul(['具有中华人民共和国国籍。', '年龄为18周岁以上、35周岁以下。', '具有大学专科以上学历。', '具备职位要求的其他资格条件。']),
      h2('三、招录程序'),
      ol(RECRUIT_STEPS),
      p('笔试时间为2026年3月21日。报考人员须对所提交信息的真实性负责。'),
    ),
  }),
  recruit({
    key: 'yunxi-edu-teachers-2026', agency: 'yunxi-edu', title: '2026年云溪市公开招聘中小学教师公告', docNumber: '',
    theme: 'labour.recruitment', dateFormed: '2026-04-20', published: '2026-04-24', keywords: '教师招聘 事业单位 公开招聘',
    summary: '市直及各县（区）中小学计划招聘教师486名，报名时间为2026年5月6日至5月12日。',
    bodyHtml: body(
      table(['学段', '计划人数'], [['高中', '92'], ['初中', '158'], ['小学', '206'], ['特殊教育', '30']]),
      p('报考人员须具有相应学段及学科的教师资格证书，或在2026年8月31日前取得。'),
      ol(RECRUIT_STEPS.filter((s) => s !== '体检和考察')),
      contact('yunxi-edu', '市教育局人事科'),
    ),
  }),
  recruit({
    key: 'yunxi-edu-teachers-2026-result', agency: 'yunxi-edu', title: '2026年云溪市公开招聘中小学教师拟聘用人员公示', docNumber: '',
    theme: 'labour.recruitment', dateFormed: '2026-08-03', published: '2026-08-05', keywords: '拟聘用 公示 教师招聘',
    summary: '经笔试、面试、体检和考察，确定拟聘用教师479名，公示期为2026年8月5日至8月11日。',
    bodyHtml: body(
      p('根据《2026年云溪市公开招聘中小学教师公告》，现将拟聘用人员情况公示如下：'),
      table(['学段', '计划人数', '拟聘用人数', '递补或空缺'], [['高中', '92', '88', '空缺4'], ['初中', '158', '156', '空缺2'], ['小学', '206', '206', '—'], ['特殊教育', '30', '29', '空缺1']]),
      p('拟聘用人员的姓名、准考证号和岗位信息已在各县（区）教育局和招聘学校公示栏张贴。对公示人员有异议的，可以在公示期内实名反映。'),
      contact('yunxi-edu', '市教育局人事科'),
    ),
  }),
  recruit({
    key: 'yunxi-eco-institutions-2025', agency: 'yunxi-eco', title: '云溪市生态环境局所属事业单位2025年公开招聘工作人员公告', docNumber: '',
    theme: 'labour.recruitment', dateFormed: '2025-05-26', published: '2025-05-29', keywords: '事业单位 公开招聘 环境监测',
    summary: '市生态环境监测站等2家事业单位公开招聘工作人员8名，均为专业技术岗位。',
    bodyHtml: body(
      table(['招聘单位', '岗位', '人数', '专业要求'], [['市生态环境监测站', '监测分析', '5', '环境科学、分析化学'], ['市环境应急与信息中心', '信息化管理', '3', '计算机科学与技术']]),
      p('报名时间：2025年6月9日至6月13日。考试采取笔试和面试相结合的方式。'),
      contact('yunxi-eco'),
    ),
  }),
  recruit({
    key: 'qingshan-township-staff-2025', agency: 'qingshan-office', title: '青山县2025年公开招聘乡镇事业单位工作人员公告', docNumber: '',
    theme: 'labour.recruitment', dateFormed: '2025-07-14', published: '2025-07-18', keywords: '乡镇事业单位 公开招聘 定向招聘',
    summary: '面向社会公开招聘乡镇事业单位工作人员40名，其中10名定向招聘服务基层项目人员。',
    bodyHtml: body(
      ul(['招聘人数：40名，其中定向招聘服务基层项目人员10名。', '岗位分布：农业综合服务中心16名，便民服务中心14名，综合文化站10名。', '最低服务年限：在乡镇最低服务5年。']),
      contact('qingshan-office', '青山县人力资源和社会保障局（经县人民政府办公室转）'),
    ),
  }),
  recruit({
    key: 'baishui-community-workers-2026', agency: 'baishui-office', title: '白水区2026年公开招聘社区工作者公告', docNumber: '',
    theme: 'labour.recruitment', dateFormed: '2026-06-01', published: '2026-06-04', keywords: '社区工作者 公开招聘',
    summary: '全区计划招聘社区工作者60名，报名时间为2026年6月15日至6月19日。',
    bodyHtml: body(
      p('为加强社区工作者队伍建设，经区委、区政府同意，现面向社会公开招聘社区工作者60名。'),
      ol(['年龄在35周岁以下，具有大专以上学历。', '持有社会工作者职业资格证书的，年龄可放宽至40周岁。', '招聘程序包括报名、笔试、面试、考察、体检和公示。']),
      contact('baishui-office'),
    ),
  }),
  recruit({
    key: 'nanling-selected-graduates-2026', agency: 'nanling-office', title: '南岭省2026年选调优秀大学毕业生公告', docNumber: '',
    theme: 'labour.recruitment', dateFormed: '2025-10-20', published: '2025-10-24', keywords: '选调生 大学毕业生 基层',
    summary: '面向2026年应届毕业生选调优秀大学毕业生420名，到乡镇基层工作锻炼。',
    bodyHtml: body(
      p('选调对象为2026年普通高等学校全日制应届毕业生，本科生年龄在25周岁以下，研究生年龄在30周岁以下。'),
      p('选调生录用后分配到乡镇工作，基层工作时间不少于2年。'),
      table(['类别', '计划人数'], [['定向选调', '260'], ['普通选调', '160']]),
    ),
  }),
  recruit({
    key: 'jiangchuan-civil-service-review-2026', agency: 'jiangchuan', title: '江川市2026年度考试录用公务员资格复审公告', docNumber: '',
    theme: 'labour.recruitment', dateFormed: '2026-04-27', published: '2026-04-29', keywords: '公务员 资格复审 面试',
    summary: '江川市职位进入资格复审人员于2026年5月8日至9日到市公务员局参加资格复审。',
    bodyHtml: body(
      p('根据示范省2026年度考试录用公务员笔试成绩，江川市职位进入资格复审的人员名单已通过考生报名系统通知本人。'),
      ul(['复审时间：2026年5月8日至9日。', '复审地点：江川市人民政府政务服务中心三楼。', '须携带材料：身份证件、毕业证书、报名登记表等原件和复印件。']),
      p('未按时参加资格复审的，视为自动放弃。'),
    ),
  }),
];

export const EMERGENCY: DemoDocument[] = [
  emergency({
    key: 'yunxi-general-emergency-plan-2025', agency: 'yunxi-office', title: '云溪市突发事件总体应急预案（2025年修订）', docNumber: '云政办发〔2025〕19号',
    theme: 'general.emergency', dateFormed: '2025-07-28', published: '2025-08-04', keywords: '总体应急预案 突发事件 分级响应',
    summary: '修订后的总体应急预案明确突发事件分类分级、组织指挥体系、监测预警、应急响应和恢复重建。',
    bodyHtml: body(
      h2('一、总则'),
      p('本预案是全市应对各类突发事件的总纲，适用于本市行政区域内发生的自然灾害、事故灾难、公共卫生事件和社会安全事件。'),
      h2('二、分级响应'),
      table(['响应级别', '启动条件', '指挥主体'], [['Ⅰ级', '特别重大突发事件', '市委、市政府'], ['Ⅱ级', '重大突发事件', '市应急指挥部'], ['Ⅲ级', '较大突发事件', '市专项应急指挥部'], ['Ⅳ级', '一般突发事件', '县（区）人民政府']]),
      h2('三、信息发布'),
      p('突发事件发生后，应当在5小时内发布权威信息，24小时内举行新闻发布会，并根据处置进展持续发布。'),
    ),
  }),
  emergency({
    key: 'yunxi-eco-environment-plan-2024', agency: 'yunxi-eco', title: '云溪市突发环境事件应急预案', docNumber: '云环发〔2024〕27号',
    theme: 'urban.environment', dateFormed: '2024-11-18', published: '2024-11-25', keywords: '突发环境事件 应急预案 环境应急',
    summary: '规定突发环境事件的分级标准、应急监测、响应程序和信息报告要求。',
    bodyHtml: body(
      p('为建立健全突发环境事件应对机制，科学有序高效应对突发环境事件，制定本预案。'),
      ol(['突发环境事件按照严重程度分为特别重大、重大、较大和一般四级。', '事发地生态环境部门接报后应当在1小时内向本级人民政府和市生态环境局报告。', '应急监测应当在事件发生后2小时内开展，并根据污染态势动态调整监测频次。']),
      contact('yunxi-eco', '市环境应急与信息中心'),
    ),
  }),
  emergency({
    key: 'qingshan-flood-plan-2025', agency: 'qingshan-office', title: '青山县防汛抗旱应急预案', docNumber: '青政办发〔2025〕8号',
    theme: 'agriculture', dateFormed: '2025-04-07', published: '2025-04-11', keywords: '防汛抗旱 应急预案 山洪',
    summary: '明确县防汛抗旱指挥部职责、预警分级、应急响应和转移避险要求，重点防范山洪地质灾害。',
    bodyHtml: body(
      ul(['应急响应分为四级，由县防汛抗旱指挥部根据气象水文预警启动。', '山洪灾害危险区群众转移坚持“应转尽转、应转早转”。', '各乡镇每年5月前完成防汛应急演练。']),
      contact('qingshan-office', '县防汛抗旱指挥部办公室'),
    ),
  }),
  emergency({
    key: 'qingshan-flood-response-2025-07', agency: 'qingshan-office', title: '青山县防汛抗旱指挥部关于启动防汛Ⅲ级应急响应的通告', docNumber: '',
    theme: 'general.emergency', dateFormed: '2025-07-16', published: '2025-07-16', keywords: '防汛 应急响应 暴雨',
    summary: '受强降雨影响，县防汛抗旱指挥部决定于2025年7月16日12时起启动防汛Ⅲ级应急响应。',
    bodyHtml: body(
      p('据县气象台预报，7月16日至18日我县将出现暴雨到大暴雨天气，局地累计降雨量可达200毫米以上。根据《青山县防汛抗旱应急预案》，县防汛抗旱指挥部决定自2025年7月16日12时起启动防汛Ⅲ级应急响应。'),
      ol(['各乡镇立即组织山洪地质灾害危险区群众转移避险。', '在建工地、景区暂停户外作业和游览活动。', '各水库严格执行汛限水位，落实24小时值守。']),
      p('请广大群众减少外出，远离河道、山体边坡等危险区域。'),
      contact('qingshan-office', '县防汛抗旱指挥部办公室'),
    ),
  }),
  emergency({
    key: 'prov-earthquake-plan-2024', agency: 'prov-office', title: '示范省地震应急预案', docNumber: '示政办发〔2024〕11号',
    theme: 'general.emergency', dateFormed: '2024-05-06', published: '2024-05-13', keywords: '地震 应急预案 抗震救灾',
    summary: '规定地震灾害分级、省抗震救灾指挥部组成、应急响应和恢复重建工作。',
    bodyHtml: body(
      table(['地震灾害等级', '初判指标', '响应级别'], [['特别重大', '6.5级以上地震（人口密集区6.0级以上）', 'Ⅰ级'], ['重大', '5.5级至6.5级', 'Ⅱ级'], ['较大', '4.5级至5.5级', 'Ⅲ级'], ['一般', '4.0级至4.5级', 'Ⅳ级']]),
      p('地震发生后，省地震局应当在10分钟内向省人民政府报告震情，并通过广播、电视、网络等及时发布地震信息。'),
    ),
  }),
  emergency({
    key: 'jiangchuan-fire-ban-2026', agency: 'jiangchuan', title: '江川市人民政府关于森林高火险期禁止野外用火的通告', docNumber: '',
    theme: 'agriculture', dateFormed: '2026-01-26', published: '2026-01-27', keywords: '森林防火 禁火 高火险期',
    summary: '2026年2月1日至4月30日为森林高火险期，林区及林缘500米范围内禁止一切野外用火。',
    bodyHtml: body(
      ol(['禁火时间：2026年2月1日至4月30日。', '禁火范围：全市林区及距林缘500米范围内。', '禁止烧荒、烧秸秆、燃放孔明灯、野炊等一切野外用火行为。', '违反本通告的，由有关部门依照《森林防火条例》予以处罚；构成犯罪的，依法追究刑事责任。']),
      contact('jiangchuan'),
    ),
  }),
  emergency({
    key: 'baishui-rainstorm-report-2026', agency: 'baishui-office', title: '白水区“7·18”强降雨应对处置情况通报', docNumber: '',
    theme: 'general.emergency', dateFormed: '2026-07-21', published: '2026-07-22', keywords: '强降雨 应对处置 内涝',
    summary: '7月18日全区平均降雨量146毫米，转移安置群众1280人，无人员伤亡，城区积水点已全部消除。',
    bodyHtml: body(
      p('7月18日，我区遭遇短时强降雨，全区平均降雨量146毫米，最大小时雨强68毫米。'),
      table(['项目', '数量'], [['转移安置群众', '1280人'], ['出动抢险人员', '2150人次'], ['处置积水点', '37处'], ['人员伤亡', '无']]),
      p('目前，城区道路交通已恢复正常，受损设施正在抓紧修复。区政府将对受灾困难群众按规定给予临时救助。'),
      contact('baishui-office'),
    ),
  }),
  emergency({
    key: 'nanling-disaster-relief-plan-2024', agency: 'nanling-office', title: '南岭省自然灾害救助应急预案', docNumber: '南政办发〔2024〕20号',
    theme: 'civil', dateFormed: '2024-08-12', published: '2024-08-19', keywords: '自然灾害救助 应急预案 受灾群众',
    summary: '明确自然灾害救助的启动条件、响应措施和受灾群众过渡期生活救助、冬春救助安排。',
    bodyHtml: body(
      ol(['自然灾害救助应急响应分为四级。', '受灾群众在灾害发生后12小时内得到食品、饮用水、衣被、临时住所等基本生活救助。', '对住房倒塌或严重损坏无房可住的受灾群众，给予不超过3个月的过渡期生活救助。']),
    ),
  }),
];

/** Table 二 and a short Table 三 of the annual report (国办公开办函〔2021〕30号). */
function annualReport(o: {
  agency: string; year: number; regs: readonly [number, number, number]; norms: readonly [number, number, number];
  licensing: number; penalties: number; coercion: number; fees: string;
  newRequests: number; disclosed: number; partial: number; refused: number; none: number; other: number;
  reconsiderations: number; suits: number; problems: readonly string[];
}): string {
  const total = o.disclosed + o.partial + o.refused + o.none + o.other;
  return body(
    h2('一、总体情况'),
    p(`${o.year}年，本机关认真贯彻《中华人民共和国政府信息公开条例》，全面推进决策、执行、管理、服务、结果公开，主动公开政府信息的质量和时效进一步提高。`),
    h2('二、主动公开政府信息情况'),
    table(['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'], [['规章', ...o.regs], ['行政规范性文件', ...o.norms]]),
    table(['信息内容', '本年处理决定数量'], [['行政许可', o.licensing], ['行政处罚', o.penalties], ['行政强制', o.coercion]]),
    table(['信息内容', '本年收费金额（单位：万元）'], [['行政事业性收费', o.fees]]),
    h2('三、收到和处理政府信息公开申请情况'),
    table(['项目', '总计'], [
      ['一、本年新收政府信息公开申请数量', o.newRequests],
      ['（一）予以公开', o.disclosed],
      ['（二）部分公开', o.partial],
      ['（三）不予公开', o.refused],
      ['（四）无法提供', o.none],
      ['（五）不予处理及其他处理', o.other],
      ['四、总计', total],
    ]),
    h2('四、政府信息公开行政复议、行政诉讼情况'),
    p(`本年度因政府信息公开被申请行政复议${o.reconsiderations}件，被提起行政诉讼${o.suits}件，均未被纠错。`),
    h2('五、存在的主要问题及改进情况'),
    ol(o.problems),
    h2('六、其他需要报告的事项'),
    p('本年度未收取信息处理费。'),
  );
}

export const ANNUAL_REPORTS: DemoDocument[] = [
  {
    key: 'yunxi-annual-report-2025', agency: 'yunxi', title: '云溪市人民政府2025年政府信息公开工作年度报告', docNumber: '',
    genre: 'annual_report', theme: 'general.openness', dateFormed: '2026-03-20', published: '2026-03-27', isNormative: false,
    keywords: '年度报告 政府信息公开 2025年', summary: '报告2025年市政府主动公开、依申请公开、行政复议和诉讼情况，以及存在的问题和改进措施。',
    bodyHtml: annualReport({
      agency: 'yunxi', year: 2025, regs: [1, 0, 24], norms: [6, 2, 87], licensing: 18642, penalties: 3215, coercion: 146, fees: '2864.30',
      newRequests: 212, disclosed: 118, partial: 21, refused: 9, none: 47, other: 17, reconsiderations: 6, suits: 2,
      problems: ['部分部门政策解读形式较为单一，下一步将推广问答和图解解读。', '个别规范性文件公开不及时，已建立发文后公开时限提醒机制。'],
    }),
  },
  {
    key: 'qingshan-land-annual-report-2025', agency: 'qingshan-land', title: '青山县自然资源局2025年政府信息公开工作年度报告', docNumber: '',
    genre: 'annual_report', theme: 'general.openness', dateFormed: '2026-01-22', published: '2026-01-28', isNormative: false,
    keywords: '年度报告 政府信息公开 自然资源', summary: '报告2025年县自然资源局政府信息公开工作情况，全年收到依申请公开34件，均按期答复。',
    bodyHtml: annualReport({
      agency: 'qingshan-land', year: 2025, regs: [0, 0, 0], norms: [0, 0, 3], licensing: 386, penalties: 27, coercion: 4, fees: '412.60',
      newRequests: 34, disclosed: 15, partial: 6, refused: 2, none: 9, other: 2, reconsiderations: 1, suits: 0,
      problems: ['征地信息公开的及时性有待提高，已将征地批复纳入主动公开清单。'],
    }),
  },
];
