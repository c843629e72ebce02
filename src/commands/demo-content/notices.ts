/** Notices (通知公告) and other items (其他): consultations, announcements, guides, replies. */
import { body, contact, h2, ol, p, table, ul } from './html.js';
import type { DemoDocument } from './types.js';

function note(o: Omit<DemoDocument, 'genre' | 'isNormative'> & { isNormative?: boolean }): DemoDocument {
  return { ...o, genre: 'notices', isNormative: o.isNormative ?? false };
}

function other(o: Omit<DemoDocument, 'genre' | 'isNormative'>): DemoDocument {
  return { ...o, genre: 'other', isNormative: false };
}

const WATER_BODY = (hours: string): string => body(
  p('因城北加压泵站管网碰接施工，县城部分区域将临时停止供水。具体安排如下：'),
  ul([`停水时间：${hours}。`, '停水范围：府前街以北、青溪路以东区域及城北工业园。', '恢复供水后，水质可能短时浑浊，请放水片刻后再使用。']),
  p('请相关区域居民和单位提前做好储水准备。给您带来的不便，敬请谅解。'),
  contact('qingshan-office', '青山县水务有限公司（经县人民政府办公室转）'),
);

export const NOTICES: DemoDocument[] = [
  note({
    key: 'prov-office-holidays-2026', agency: 'prov-office', title: '示范省人民政府办公厅关于做好2026年元旦春节期间有关工作的通知', docNumber: '示政办发〔2025〕34号',
    theme: 'general', dateFormed: '2025-12-15', published: '2025-12-19', keywords: '元旦 春节 值班值守 保供稳价',
    summary: '部署2026年元旦春节期间市场保供稳价、安全生产、困难群众帮扶和值班值守工作。',
    bodyHtml: body(
      p('各市、县人民政府，省政府各部门：'),
      p('2026年元旦春节即将到来。为确保广大群众度过欢乐祥和的节日，经省人民政府同意，现就有关工作通知如下：'),
      ol(['做好重要民生商品保供稳价，加强粮油肉蛋菜等市场监测。', '开展安全生产隐患排查，严防重特大事故发生。', '及时足额发放困难群众救助资金，开展走访慰问。', '严格落实领导带班和24小时值班制度，遇有重大突发事件及时报告。']),
    ),
  }),
  note({
    key: 'prov-cultural-relics-7', agency: 'prov', title: '示范省人民政府关于公布第七批省级文物保护单位的通知', docNumber: '示政发〔2025〕19号',
    theme: 'culture', dateFormed: '2025-08-28', published: '2025-09-04', keywords: '文物保护单位 第七批',
    summary: '公布第七批省级文物保护单位126处，包括古遗址、古建筑、石窟寺及石刻和近现代重要史迹。',
    bodyHtml: body(
      p('各市、县人民政府，省政府各部门：'),
      p('省人民政府核定并公布第七批省级文物保护单位共计126处，另有12处与已公布的省级文物保护单位合并。'),
      table(['类别', '数量（处）'], [['古遗址', '28'], ['古墓葬', '14'], ['古建筑', '52'], ['石窟寺及石刻', '9'], ['近现代重要史迹及代表性建筑', '23']]),
      p('各地要在一年内划定保护范围和建设控制地带，设立保护标志，建立记录档案。'),
    ),
  }),
  note({
    key: 'yunxi-subsistence-2025', agency: 'yunxi', title: '云溪市人民政府关于提高城乡最低生活保障标准的通知', docNumber: '云政发〔2025〕16号',
    theme: 'civil', dateFormed: '2025-06-24', published: '2025-06-30', keywords: '最低生活保障 标准 社会救助', isNormative: true,
    summary: '自2025年7月1日起，城市低保标准提高到每人每月860元，农村低保标准提高到每人每年8400元。',
    bodyHtml: body(
      p('各县（区）人民政府，市政府各部门：'),
      p('为切实保障困难群众基本生活，经市人民政府研究，决定提高全市城乡最低生活保障标准。'),
      table(['项目', '原标准', '新标准'], [['城市低保', '每人每月820元', '每人每月860元'], ['农村低保', '每人每年7800元', '每人每年8400元'], ['特困人员基本生活标准', '按低保标准1.3倍确定', '按低保标准1.3倍确定']]),
      p('新标准自2025年7月1日起执行，所需资金由市、县两级财政按现行体制分担。'),
    ),
  }),
  note({
    key: 'yunxi-office-consult-water', agency: 'yunxi-office', title: '关于公开征求《云溪市城市供水管理办法（征求意见稿）》意见的公告', docNumber: '',
    theme: 'urban', dateFormed: '2026-09-07', published: '2026-09-08', keywords: '征求意见 城市供水 规章草案',
    summary: '公开征求《云溪市城市供水管理办法（征求意见稿）》意见，征求意见截止日期为2026年10月8日。',
    bodyHtml: body(
      p('为提高政府立法的公众参与度，现将《云溪市城市供水管理办法（征求意见稿）》全文公布，征求社会各界意见。'),
      ol(['通过云溪市人民政府门户网站“意见征集”栏目在线提交意见。', '通过信函寄至云溪市人民大道100号市司法局立法科，并在信封上注明“城市供水管理办法征求意见”。']),
      p('征求意见截止日期为2026年10月8日。'),
      contact('yunxi-office'),
    ),
  }),
  note({
    key: 'yunxi-office-open-day-2026', agency: 'yunxi-office', title: '关于举办2026年云溪市“政府开放日”活动的公告', docNumber: '',
    theme: 'general.openness', dateFormed: '2026-05-06', published: '2026-05-08', keywords: '政府开放日 公众参与',
    summary: '2026年5月至10月每月第三个星期五举办“政府开放日”活动，市民可在线报名参加。',
    bodyHtml: body(
      p('为增进公众对政府工作的了解，市政府办公室将于2026年5月至10月举办“政府开放日”活动。'),
      table(['月份', '承办单位', '主题'], [['5月', '市政务服务中心', '走进“一网通办”'], ['6月', '市生态环境局', '看得见的蓝天碧水'], ['7月', '市教育局', '义务教育招生面对面'], ['9月', '市财政局', '政府的钱怎么花']]),
      p('每场活动限30人，报名者须年满16周岁。报名时仅需提供姓名和联系方式，个人信息仅用于活动组织。'),
      contact('yunxi-office'),
    ),
  }),
  note({
    key: 'yunxi-edu-zhongkao-2026', agency: 'yunxi-edu', title: '云溪市教育局关于做好2026年初中学业水平考试报名工作的通知', docNumber: '云教发〔2026〕4号',
    theme: 'science', dateFormed: '2026-02-26', published: '2026-03-03', keywords: '中考 报名 学业水平考试',
    summary: '2026年初中学业水平考试网上报名时间为3月10日至3月20日，随迁子女可在居住地报名。',
    bodyHtml: body(
      p('各县（区）教育局，市直各初中学校：'),
      ol(['报名时间：2026年3月10日8:00至3月20日18:00。', '报名方式：由学校统一组织网上报名，往届生到户籍或居住地县（区）教育局报名。', '进城务工人员随迁子女在本市初中连续就读满3年的，可在本市报名。', '考试时间：2026年6月20日至22日。']),
      contact('yunxi-edu', '市教育考试院'),
    ),
  }),
  note({
    key: 'yunxi-edu-catchments-2026', agency: 'yunxi-edu', title: '关于公布2026年市区义务教育学校学区划分结果的公告', docNumber: '',
    theme: 'science', dateFormed: '2026-05-22', published: '2026-05-27', keywords: '学区划分 义务教育 招生',
    summary: '公布2026年市区62所公办小学、31所公办初中的学区范围，学区划分保持总体稳定。',
    bodyHtml: body(
      p('根据《云溪市义务教育阶段学校招生入学管理办法》，现将2026年市区义务教育学校学区划分结果予以公布。'),
      p('与2025年相比，新增滨河路学校学区，调整临河实验小学、文昌路小学学区边界，其余学校学区保持不变。'),
      table(['学校', '学区范围（主要街道、小区）'], [['滨河路学校', '滨河花园一至四期、望江路以南区域'], ['临河实验小学', '临河路以北、文昌路以西区域'], ['文昌路小学', '文昌路以东、人民大道以南区域']]),
      p('完整学区划分表可在各学校和县（区）教育局查询。'),
      contact('yunxi-edu'),
    ),
  }),
  note({
    key: 'yunxi-finance-accounting-check-2025', agency: 'yunxi-finance', title: '云溪市财政局关于开展2025年度会计信息质量检查的通知', docNumber: '云财会〔2025〕3号',
    theme: 'finance', dateFormed: '2025-04-14', published: '2025-04-18', keywords: '会计信息质量 检查 财会监督',
    summary: '2025年5月至9月对部分行政事业单位和企业开展会计信息质量检查，重点检查会计核算和内部控制。',
    bodyHtml: body(
      p('各县（区）财政局，市直各单位：'),
      p('根据年度财会监督工作计划，市财政局决定开展2025年度会计信息质量检查。'),
      ol(['检查对象：随机抽取的行政事业单位20家、企业30家。', '检查内容：会计核算、财务报告、内部控制制度建立和执行情况。', '时间安排：自查阶段5月至6月，重点检查阶段7月至9月。']),
      contact('yunxi-finance', '市财政局会计科'),
    ),
  }),
  note({
    key: 'yunxi-eco-consult-noise', agency: 'yunxi-eco', title: '关于征求《云溪市声环境功能区划分方案（征求意见稿）》意见的公告', docNumber: '',
    theme: 'urban.environment', dateFormed: '2026-10-26', published: '2026-10-28', keywords: '声环境功能区 征求意见 噪声',
    summary: '公开征求声环境功能区划分方案意见，征求意见期为2026年10月28日至11月27日。',
    bodyHtml: body(
      p('为加强噪声污染防治，市生态环境局组织编制了《云溪市声环境功能区划分方案（征求意见稿）》，现向社会公开征求意见。'),
      ul(['方案将市区划分为0类至4类声环境功能区。', '新增临河区大学城为1类区。', '征求意见期：2026年10月28日至11月27日。']),
      contact('yunxi-eco'),
    ),
  }),
  note({
    key: 'qingshan-water-outage', agency: 'qingshan-office', title: '青山县城区临时停水公告', docNumber: '',
    theme: 'urban', dateFormed: '2025-11-10', published: '2025-11-10', keywords: '停水 供水 公告',
    summary: '因管网碰接施工，县城北部区域于2025年11月13日8:00至20:00临时停水。',
    bodyHtml: WATER_BODY('2025年11月13日8:00至18:00'),
    corrections: [{ published: '2025-11-11', changeNote: '施工时间调整，更正停水结束时间为20:00。', bodyHtml: WATER_BODY('2025年11月13日8:00至20:00') }],
  }),
  note({
    key: 'qingshan-heritage-5', agency: 'qingshan', title: '青山县人民政府关于公布第五批县级非物质文化遗产代表性项目名录的通知', docNumber: '青政发〔2025〕12号',
    theme: 'culture', dateFormed: '2025-06-09', published: '2025-06-13', keywords: '非物质文化遗产 代表性项目 名录',
    summary: '公布第五批县级非物质文化遗产代表性项目9项，涵盖传统技艺、传统音乐和民俗。',
    bodyHtml: body(
      p('各乡镇人民政府，县政府各部门：'),
      table(['序号', '项目名称', '类别', '保护单位'], [['1', '青山云雾茶制作技艺', '传统技艺', '青山县茶业协会'], ['2', '青溪号子', '传统音乐', '青山县文化馆'], ['3', '城关灯会', '民俗', '城关镇综合文化站'], ['4', '北山竹编技艺', '传统技艺', '北山乡综合文化站']]),
      p('各保护单位要制定保护计划，切实履行保护职责。'),
    ),
  }),
  note({
    key: 'qingshan-town-medical-insurance-2026', agency: 'qingshan-town', title: '城关镇关于做好2026年度城乡居民医疗保险集中参保缴费工作的通告', docNumber: '',
    theme: 'labour.social_security', dateFormed: '2025-09-15', published: '2025-09-16', keywords: '城乡居民医保 参保缴费',
    summary: '2026年度城乡居民医保集中缴费期为2025年9月16日至12月31日，个人缴费标准为每人每年400元。',
    bodyHtml: body(
      ol(['缴费时间：2025年9月16日至12月31日。', '缴费标准：每人每年400元。特困人员、低保对象等按规定享受资助参保。', '缴费方式：通过手机银行、政务服务小程序或到镇便民服务中心缴纳。']),
      p('请勿轻信上门代收医保费，不向任何个人转账缴费。'),
      contact('qingshan-town', '城关镇便民服务中心'),
    ),
  }),
  note({
    key: 'baishui-pension-2026', agency: 'baishui-office', title: '关于做好2026年度城乡居民基本养老保险缴费工作的通知', docNumber: '白政办发〔2026〕9号',
    theme: 'labour.social_security', dateFormed: '2026-03-09', published: '2026-03-12', keywords: '城乡居民养老保险 缴费档次',
    summary: '明确2026年度城乡居民基本养老保险缴费档次、政府补贴标准和缴费时间。',
    bodyHtml: body(
      p('各街道办事处、镇人民政府，区政府各部门：'),
      table(['缴费档次（元/年）', '政府补贴（元/年）'], [['300', '40'], ['500', '60'], ['1000', '100'], ['2000', '150'], ['3000及以上', '200']]),
      p('缴费时间为2026年3月15日至12月20日。对重度残疾人等缴费困难群体，由区财政按最低档次代缴。'),
      contact('baishui-office'),
    ),
  }),
  note({
    key: 'jiangchuan-sister-cities-2026', agency: 'jiangchuan', title: '江川市人民政府关于举办2026江川国际友好城市合作交流周的公告', docNumber: '',
    theme: 'foreign', dateFormed: '2026-08-17', published: '2026-08-20', keywords: '友好城市 国际交流 对外合作',
    summary: '2026年10月12日至16日举办国际友好城市合作交流周，开展经贸洽谈、文化交流和青少年互访活动。',
    bodyHtml: body(
      p('为深化与国际友好城市的务实合作，江川市人民政府定于2026年10月12日至16日举办国际友好城市合作交流周。'),
      ul(['友城市长圆桌会议。', '港口物流与绿色能源经贸洽谈会。', '友城文化艺术展演。', '青少年线上线下交流活动。']),
      p('有意参加经贸洽谈的企业，请于9月20日前向市外事办公室报名。'),
      contact('jiangchuan'),
    ),
  }),
  note({
    key: 'nanling-review-quality-2026', agency: 'nanling-office', title: '南岭省人民政府办公厅关于开展2026年行政复议案件质量评查的通知', docNumber: '南政办发〔2026〕12号',
    theme: 'justice', dateFormed: '2026-06-08', published: '2026-06-12', keywords: '行政复议 案件评查 法治政府',
    summary: '组织对2025年以来办结的行政复议案件开展质量评查，重点评查受理审查、证据认定和法律适用。',
    bodyHtml: body(
      p('各市、县人民政府，省政府各部门：'),
      ol(['评查范围：2025年1月1日以来各级行政复议机关办结的案件，按不低于5%的比例抽取。', '评查内容：受理审查、调查取证、证据认定、法律适用、文书制作、期限遵守等。', '时间安排：2026年7月至9月。']),
      p('评查结果纳入法治政府建设考核。'),
    ),
  }),
  note({
    key: 'baishui-open-day-2025', agency: 'baishui', title: '白水区人民政府关于调整区政务服务中心办公时间的公告', docNumber: '',
    theme: 'general', dateFormed: '2025-09-22', published: '2025-09-24', keywords: '政务服务中心 办公时间 延时服务',
    summary: '自2025年10月8日起，区政务服务中心实行工作日午间不间断服务和每周六上午延时服务。',
    bodyHtml: body(
      p('为方便企业和群众办事，自2025年10月8日起，区政务服务中心办公时间调整如下：'),
      ul(['工作日：8:30至17:30，午间不间断服务。', '每周六：9:00至12:00，办理社保、医保、户籍等高频事项。', '法定节假日休息。']),
      contact('baishui'),
    ),
  }),
];

export const OTHER: DemoDocument[] = [
  other({
    key: 'yunxi-disclosure-guide-2026', agency: 'yunxi', title: '云溪市人民政府政府信息公开指南（2026年修订）', docNumber: '',
    theme: 'general.openness', dateFormed: '2026-01-12', published: '2026-01-15', keywords: '公开指南 依申请公开 公开方式',
    summary: '说明云溪市人民政府政府信息的分类编排、获取方式，以及政府信息公开工作机构的地址、办公时间和联系电话。',
    bodyHtml: body(
      h2('一、主动公开'),
      p('本机关主动公开的政府信息按主题分类和体裁分类编排，通过政府信息公开平台发布，并在市档案馆、市图书馆设立查阅点。'),
      h2('二、依申请公开'),
      p('申请人可以通过在线平台、信函或者当面提交申请。本机关自收到申请之日起20个工作日内答复；需要延长的，延长期限最长不超过20个工作日。'),
      h2('三、工作机构'),
      table(['项目', '内容'], [['名称', '云溪市政府信息公开工作机构'], ['地址', '云溪市人民大道100号'], ['办公时间', '工作日 上午8:30—12:00，下午14:00—17:30'], ['联系电话', '0991-6600001']]),
    ),
  }),
  other({
    key: 'qingshan-functions', agency: 'qingshan', title: '青山县人民政府机构职能', docNumber: '',
    theme: 'general', dateFormed: '2024-02-05', published: '2024-03-25', keywords: '机构职能 政府组成部门',
    summary: '介绍青山县人民政府的主要职责和县政府工作部门设置情况。',
    bodyHtml: body(
      h2('主要职责'),
      ol(['执行县人民代表大会及其常务委员会的决议，以及上级国家行政机关的决定和命令。', '领导所属各工作部门和乡镇人民政府的工作。', '执行国民经济和社会发展计划、预算，管理本行政区域内的经济、教育、科学、文化、卫生、体育、生态环境、城乡建设、民政、公安、司法行政等行政工作。']),
      h2('工作部门'),
      p('县人民政府设置工作部门22个，包括县人民政府办公室、县发展和改革局、县教育局、县财政局、县自然资源局等。'),
      contact('qingshan'),
    ),
  }),
  other({
    key: 'prov-office-proposal-reply-128', agency: 'prov-office', title: '关于省政协十三届三次会议第0128号提案答复的函', docNumber: '示政办提函〔2025〕14号',
    theme: 'other', dateFormed: '2025-06-20', published: '2025-07-02', keywords: '政协提案 答复 政务公开',
    summary: '答复关于进一步提升政策文件可读性的提案，介绍政策解读同步发布和图解、问答等解读形式的推进情况。',
    bodyHtml: body(
      p('您提出的《关于进一步提升政策文件可读性的提案》收悉。经认真研究，现答复如下：'),
      ol(['全省已建立政策文件与解读材料同步组织、同步审签、同步发布机制，2024年省级部门解读率达到98%。', '推广问答、图解、短视频等多种解读形式，增强政策的可及性。', '下一步将在政府信息公开平台推出政策“一文读懂”专栏。']),
      p('感谢您对政务公开工作的关心和支持。'),
    ),
  }),
  other({
    key: 'baishui-disclosure-guide', agency: 'baishui-office', title: '白水区人民政府办公室政府信息公开指南', docNumber: '',
    theme: 'general.openness', dateFormed: '2024-03-18', published: '2024-05-08', keywords: '公开指南 政府信息公开',
    summary: '说明白水区人民政府办公室政府信息的公开方式、依申请公开程序和联系方式。',
    bodyHtml: body(
      p('为便于公民、法人和其他组织获取政府信息，根据《中华人民共和国政府信息公开条例》，编制本指南。'),
      ul(['主动公开：通过区政府门户网站政府信息公开专栏发布。', '依申请公开：可以在线、信函或者当面提出申请，原则上不收取费用。', '监督保障：认为行政机关在政府信息公开工作中侵犯其合法权益的，可以依法申请行政复议或者提起行政诉讼。']),
      contact('baishui-office'),
    ),
  }),
  other({
    key: 'nanling-deputies-suggestions-2025', agency: 'nanling-office', title: '南岭省人民政府2025年度人大代表建议和政协提案办理情况', docNumber: '',
    theme: 'general.other', dateFormed: '2026-01-20', published: '2026-03-13', keywords: '建议提案 办理情况',
    summary: '2025年省政府系统共承办人大代表建议812件、政协提案694件，均按期办结。',
    bodyHtml: body(
      table(['类别', '承办件数', '已办结', '解决或基本解决比例'], [['人大代表建议', '812', '812', '76.4%'], ['政协提案', '694', '694', '78.1%']]),
      p('办理复文在征得代表、委员同意后，已在省政府门户网站公开。'),
    ),
  }),
  other({
    key: 'jiangchuan-press-jobs-2026', agency: 'jiangchuan', title: '江川市稳就业惠民生新闻发布会文字实录', docNumber: '',
    theme: 'labour.employment', dateFormed: '2026-04-16', published: '2026-04-17', keywords: '新闻发布会 稳就业',
    summary: '介绍2026年一季度全市就业形势和稳就业政策落实情况，回答记者关于零工市场和技能培训的提问。',
    bodyHtml: body(
      p('主持人：各位记者朋友，欢迎参加今天的新闻发布会。今天我们邀请市人力资源社会保障局负责同志介绍全市稳就业有关情况。'),
      p('市人力资源社会保障局负责同志：一季度，全市城镇新增就业1.26万人，城镇调查失业率5.1%，就业形势总体稳定。'),
      h2('记者提问'),
      p('问：零工市场建设进展如何？'),
      p('答：全市已建成零工市场14个，累计服务灵活就业人员3.2万人次。'),
    ),
  }),
];
