/**
 * Demo content for public engagement (issue 8): one open consultation on a published draft with
 * approved comments on its articles, one closed consultation with its published feedback summary
 * linked to the final policy, and answered public messages to agencies with ratings, plus one
 * private message. Everything goes through the real commands (documents through the publishing
 * workflow, comments through e-mail verification and moderation, messages through sending,
 * answering and rating), at times derived from `deps.clock.now()`: the open consultation is open
 * now and closes in three weeks. Every person here is fictional: display names only on pages,
 * addresses under the reserved `.invalid` domain.
 */
import { numberParagraphs } from '../../domain/consultations/paragraphs.js';
import type { Clock } from '../../domain/clock.js';
import { localDate, zonedToUtc } from '../../domain/local-date.js';
import { userRepo } from '../../store/repos/user-repo.js';
import { SYSTEM_ACTOR, type Actor } from '../actor.js';
import { runConsultationSchedule } from '../consultations/close-consultation.js';
import { submitComment, verifyComment } from '../consultations/comment.js';
import { moderateComment } from '../consultations/moderate.js';
import { openConsultation } from '../consultations/open-consultation.js';
import { saveSummary } from '../consultations/summary.js';
import { demoAgencyCodes } from '../demo-agencies.js';
import type { Deps } from '../deps.js';
import type { DraftInput } from '../document-input.js';
import { createDraft } from '../documents/create-draft.js';
import { reviewRevision } from '../documents/review-revision.js';
import { submitRevision } from '../documents/submit-revision.js';
import { answerMessage } from '../messages/answer-message.js';
import { rateMessage } from '../messages/rate-message.js';
import { submitMessage } from '../messages/submit-message.js';
import { transferMessage } from '../messages/transfer-message.js';
import { p } from './html.js';

/** How many documents this file publishes (two drafts and one final policy), for the tests' counts. */
export const ENGAGEMENT_DOCUMENT_COUNT = 3;

/** Titles the tests look for. */
export const ENGAGEMENT_TITLES = {
  open: '云溪市城市绿道管理办法（征求意见稿）',
  closed: '云溪市中小学课后服务管理办法（征求意见稿）',
  final: '云溪市中小学课后服务管理办法',
  private: '关于邻里纠纷调解的咨询',
} as const;

const DAY = 86_400_000;
const HOUR = 3_600_000;
const SEEDER: Actor = { ...SYSTEM_ACTOR, username: 'demo-seed' };

/** The seeding clock: set to each step's instant. */
class StepClock implements Clock {
  constructor(private t: number) {}
  set(t: number): void {
    this.t = t;
  }
  now(): Date {
    return new Date(this.t);
  }
}

/** The instant of a wall-clock `YYYY-MM-DDTHH:mm` in a time zone. */
function wallToUtc(local: string, timeZone: string): number {
  const t = zonedToUtc(local, timeZone);
  if (!t) throw new Error(`bad wall-clock time ${local}`);
  return t.getTime();
}

const articles = (items: readonly string[]) => p(...items.map((t, i) => `第${'一二三四五六七八九十'[i] ?? String(i + 1)}条　${t}`));

const OPEN_DRAFT_BODY =
  p('为规范城市绿道的规划、建设、管理和保护，满足市民休闲健身需求，结合本市实际，起草本办法，现公开征求意见。') +
  articles([
    '本办法适用于本市城市规划区内绿道的规划、建设、管理和保护。本办法所称绿道，是指沿河道、山体、道路等自然和人工廊道建设，供市民步行、骑行和休闲游憩的绿色开敞空间。',
    '市住房和城乡建设主管部门负责全市绿道的统筹协调和监督管理；各区县人民政府负责本辖区绿道的建设和日常管理。',
    '绿道建设应当与城市公园、公共交通站点和居住区相衔接，每隔一至二公里设置服务驿站，配备休息座椅、饮水点和公共厕所。',
    '绿道内禁止机动车通行，但执行紧急任务的消防、救护车辆和养护作业车辆除外。电动自行车应当在指定路段限速通行。',
    '绿道每日开放时间为六时至二十二时；夜间开放路段应当设置照明和安全提示设施。',
    '鼓励志愿者、社会组织参与绿道的日常巡查、环境维护和文明引导。',
    '本办法自印发之日起施行。',
  ]);

const CLOSED_DRAFT_BODY =
  p('为规范中小学课后服务工作，减轻学生课外负担和家长接送压力，起草本办法，现公开征求意见。') +
  articles([
    '本办法适用于本市义务教育阶段公办学校在正常教学日开展的课后服务。',
    '课后服务遵循学生自愿、家长申请、学校组织、财政补助的原则，不得强制或变相强制学生参加。',
    '课后服务结束时间原则上不早于当地正常下班时间；有特殊需要的学生，学校应当提供延时托管服务。',
    '课后服务内容以作业辅导、体育锻炼、文艺活动和科普活动为主，不得组织集体补课或讲授新课。',
    '课后服务经费通过财政补助和服务性收费相结合的方式筹措，收费标准由市发展改革部门会同市教育局制定。',
    '本办法自印发之日起施行。',
  ]);

const FINAL_BODY =
  p('各区县教育局，市直各学校：') +
  p('《云溪市中小学课后服务管理办法》已经市教育局局务会议审议通过，现予印发，请认真贯彻执行。') +
  articles([
    '本办法适用于本市义务教育阶段公办学校在正常教学日开展的课后服务。',
    '课后服务遵循学生自愿、家长申请、学校组织、财政补助的原则，不得强制或变相强制学生参加。',
    '课后服务结束时间原则上不早于十七时三十分；有特殊需要的学生，学校应当提供延时托管服务至十八时三十分。',
    '课后服务内容以作业辅导、体育锻炼、文艺活动和科普活动为主，每周至少安排两次体育或艺术活动，不得组织集体补课或讲授新课。',
    '课后服务经费通过财政补助和服务性收费相结合的方式筹措；家庭经济困难学生免收服务性收费。',
    '本办法自印发之日起施行。',
  ]);

/** A comment: `article` is the 1-based article it cites (0: the whole draft); `email` '' means anonymous. */
interface DemoComment {
  article: number;
  name: string;
  email: string;
  body: string;
}

const OPEN_COMMENTS: DemoComment[] = [
  { article: 3, name: '骑行爱好者', email: 'greenway.rider@demo.gongkai.invalid', body: '建议在服务驿站增设自行车停放架和简易维修工具，方便骑行市民。' },
  { article: 4, name: '白水区居民', email: 'baishui.resident@demo.gongkai.invalid', body: '电动自行车限速路段建议明确具体速度，例如每小时十五公里，并设置醒目标识。' },
  { article: 5, name: '', email: '', body: '夏季早晨六时前就有不少市民锻炼，建议部分路段提前至五时半开放。' },
  { article: 6, name: '社区志愿者', email: 'volunteer.yunxi@demo.gongkai.invalid', body: '希望明确志愿者参与绿道巡查的报名渠道，并提供必要的安全培训。' },
];

const CLOSED_COMMENTS: DemoComment[] = [
  { article: 3, name: '小学生家长', email: 'parent.one@demo.gongkai.invalid', body: '“不早于当地正常下班时间”表述不够具体，建议写明具体时间。' },
  { article: 5, name: '', email: '', body: '建议对家庭经济困难学生免收课后服务费用。' },
  { article: 4, name: '一名教师', email: 'teacher.two@demo.gongkai.invalid', body: '建议保证每周有固定的体育和艺术活动时间，不要全部用于写作业。' },
];

interface DemoMessage {
  agency: string;
  kind: 'question' | 'suggestion' | 'complaint';
  category: string;
  title: string;
  body: string;
  name: string;
  email: string;
  /** Days before now it was sent. */
  sentDaysAgo: number;
  transferTo?: { agency: string; reason: string };
  answer: string;
  rating: 'satisfied' | 'neutral' | 'dissatisfied';
  ratingComment: string;
}

const MESSAGES: DemoMessage[] = [
  {
    agency: 'yunxi-edu', kind: 'question', category: 'education', sentDaysAgo: 18,
    title: '关于小学新生入学报名时间的咨询',
    body: '请问明年秋季小学一年级新生网上报名大概什么时候开始？需要准备哪些材料？',
    name: '林晓雨', email: 'lin.xiaoyu@demo.gongkai.invalid',
    answer: '您好！本市义务教育新生入学网上报名一般于每年五月中下旬开始，具体时间以市教育局届时发布的招生公告为准。报名需准备户口簿、不动产权证书或租赁备案证明等材料。感谢您的关注。',
    rating: 'satisfied', ratingComment: '回复及时清楚。',
  },
  {
    agency: 'yunxi-eco', kind: 'complaint', category: 'environment', sentDaysAgo: 15,
    title: '反映夜间施工噪声扰民问题',
    body: '滨河路附近一处工地近一周每晚十一点后仍在施工，噪声很大，影响周边居民休息，希望有关部门尽快处理。',
    name: '赵一鸣', email: 'zhao.yiming@demo.gongkai.invalid',
    transferTo: { agency: 'baishui-office', reason: '该工地位于白水区，由白水区负责夜间施工管理。' },
    answer: '您好！经白水区城市管理部门现场核查，该工地未办理夜间施工许可，已责令其停止夜间施工并依法立案处理。今后如再发现类似情况，可随时通过本平台反映。',
    rating: 'neutral', ratingComment: '',
  },
  {
    agency: 'yunxi-office', kind: 'suggestion', category: 'transport', sentDaysAgo: 12,
    title: '建议增开高铁站至老城区的夜间公交线路',
    body: '晚上九点以后从高铁站到老城区只能打车，建议增开夜间公交线路，方便晚到的旅客和市民。',
    name: '孙雅琴', email: 'sun.yaqin@demo.gongkai.invalid',
    answer: '您好！感谢您的建议。市交通运输局已将高铁站至老城区夜间线路纳入明年公交线网优化方案，届时将通过门户网站公布开通时间。',
    rating: 'satisfied', ratingComment: '期待早日开通。',
  },
  {
    agency: 'yunxi-finance', kind: 'question', category: 'economy', sentDaysAgo: 9,
    title: '咨询小微企业稳岗补贴申请条件',
    body: '我们是一家十几人的小企业，想了解今年稳岗补贴的申请条件和办理渠道。',
    name: '钱立新', email: 'qian.lixin@demo.gongkai.invalid',
    answer: '您好！稳岗补贴由人力资源社会保障部门统一经办，符合不裁员或少裁员、按时足额缴纳失业保险费等条件的企业无需申请，系统将自动比对发放。具体政策可查阅本平台发布的相关通知。',
    rating: 'dissatisfied', ratingComment: '希望给出具体的政策文件链接。',
  },
  {
    agency: 'qingshan', kind: 'question', category: 'social_security', sentDaysAgo: 6,
    title: '城乡居民医保缴费截止时间咨询',
    body: '请问明年度城乡居民医疗保险的缴费截止时间是什么时候？可以在手机上缴费吗？',
    name: '吴思远', email: 'wu.siyuan@demo.gongkai.invalid',
    answer: '您好！明年度城乡居民医疗保险集中缴费期截至本年十二月三十一日，可通过税务部门的手机应用或合作银行网点缴费。',
    rating: 'satisfied', ratingComment: '',
  },
];

const PRIVATE_MESSAGE = {
  agency: 'qingshan-town', kind: 'question', category: 'other', sentDaysAgo: 4,
  title: ENGAGEMENT_TITLES.private,
  body: '邻居装修占用公共楼道，协商未果，请问可以向哪个部门申请调解？',
  name: '郑和平', email: 'zheng.heping@demo.gongkai.invalid',
  answer: '您好！可向所在社区人民调解委员会或城关镇司法所申请免费调解，工作日均可受理。',
} as const;

const articleNo = (body: string, article: number) => (article ? String(numberParagraphs(body).find((x) => x.article && x.clause === 1 && x.article === `第${'一二三四五六七八九十'[article - 1]}条`)?.no ?? '') : '');

/**
 * Seeds the engagement demo. Runs after the agencies, staff and documents exist; takes a second or
 * two. Mails to the fictional commenters and senders go to the outbox like any other.
 */
export async function seedEngagement(deps: Deps): Promise<void> {
  const now = deps.clock.now().getTime();
  const clock = new StepClock(now);
  const d: Deps = { ...deps, clock };
  const at = (t: number) => clock.set(t);
  const codes = demoAgencyCodes();
  const agencies = await deps.db.selectFrom('agencies').select(['id', 'code', 'time_zone']).execute();
  const agencyOf = (key: string) => {
    const a = agencies.find((x) => x.code === codes.get(key));
    if (!a) throw new Error(`demo agency ${key} missing`);
    return a;
  };
  const staff = async (username: string): Promise<Actor> => {
    const u = await userRepo.byUsername(deps.db, username);
    if (!u) throw new Error(`demo user ${username} missing`);
    return { type: 'staff', userId: u.id, username: u.username, grants: await userRepo.scopedGrants(deps.db, u.id), ip: null };
  };
  const editor = await staff('yunxi-editor');
  const officer = await staff('yunxi-officer');

  const publish = async (agencyKey: string, input: DraftInput): Promise<string> => {
    const { revisionId } = await createDraft(d, SEEDER, agencyOf(agencyKey).id, input);
    await submitRevision(d, SEEDER, revisionId, 1);
    await reviewRevision(d, SEEDER, revisionId, { stage: 'confidentiality', decision: 'pass' });
    const r = await reviewRevision(d, SEEDER, revisionId, { stage: 'approval', decision: 'pass' });
    if (r.state !== 'published') throw new Error(`demo document ${input.title} not published`);
    return r.indexNumber;
  };
  /** 09:00 wall-clock in the agency's zone on the day `days` from now (negative: ago). */
  const morning = (agencyKey: string, days: number) => {
    const tz = agencyOf(agencyKey).time_zone;
    return { local: `${localDate(new Date(now + days * DAY).toISOString(), tz)}T09:00`, tz };
  };

  const comment = async (consultationId: string, body: string, c: DemoComment, t: number): Promise<string> => {
    at(t);
    const r = await submitComment(d, { consultation_id: consultationId, paragraph: articleNo(body, c.article), body: c.body, display_name: c.name, mode: c.email ? 'email' : 'anonymous', email: c.email, reader_id: c.email ? '' : deps.newId(), locale: 'zh-CN' });
    if (r.state !== 'unverified') return r.id;
    // The commenter follows the link of the verification mail: its token sits in the outbox row.
    const mail = await deps.db.selectFrom('outbox').select('payload').where('dedupe_key', '=', `consultation.verify:${r.id}`).executeTakeFirstOrThrow();
    const path = String((JSON.parse(mail.payload) as { path?: string }).path ?? '');
    at(t + 25 * 60_000);
    await verifyComment(d, new URLSearchParams(path.split('?')[1] ?? '').get('t') ?? '');
    return r.id;
  };
  const approve = async (commentId: string, t: number) => {
    at(t);
    const row = await deps.db.selectFrom('consultation_comments').select(['state', 'version']).where('id', '=', commentId).executeTakeFirstOrThrow();
    if (row.state === 'pending') await moderateComment(d, editor, commentId, { decision: 'publish', reason: '', version: row.version });
  };

  // 1. The closed consultation: draft ten weeks ago, a 30-day window, closed by the schedule,
  // final policy and the feedback summary a fortnight later.
  {
    const m = morning('yunxi-edu', -74);
    const start = wallToUtc(m.local, m.tz);
    at(start - DAY);
    const draftNo = await publish('yunxi-edu', { title: ENGAGEMENT_TITLES.closed, genre: 'notices', theme_code: 'science', date_formed: localDate(new Date(start - DAY).toISOString(), m.tz), keywords: '课后服务 征求意见', summary: '公开征求《云溪市中小学课后服务管理办法（征求意见稿）》意见。', body_html: CLOSED_DRAFT_BODY });
    at(start);
    const endLocal = `${localDate(new Date(start + 30 * DAY).toISOString(), m.tz)}T18:00`;
    const { id } = await openConsultation(d, editor, { agency_id: agencyOf('yunxi-edu').id, draft_index_number: draftNo, description: '欢迎学生家长、教师和社会各界提出意见建议。', starts_local: m.local, ends_local: endLocal, allow_anonymous: true, moderation: 'post' });
    for (const [i, c] of CLOSED_COMMENTS.entries()) await comment(id, CLOSED_DRAFT_BODY, c, start + (2 + i * 5) * DAY + 3 * HOUR);
    await runConsultationSchedule(d, new Date(wallToUtc(endLocal, m.tz) + 10 * 60_000));
    const finalAt = start + 44 * DAY;
    at(finalAt);
    const year = localDate(new Date(finalAt).toISOString(), m.tz).slice(0, 4);
    const finalNo = await publish('yunxi-edu', { title: ENGAGEMENT_TITLES.final, doc_number: `云教发〔${year}〕21号`, genre: 'normative', theme_code: 'science', is_normative: true, date_formed: localDate(new Date(finalAt - DAY).toISOString(), m.tz), keywords: '课后服务 义务教育', summary: '规范本市中小学课后服务的原则、时间、内容和经费保障。', body_html: FINAL_BODY });
    at(finalAt + 2 * HOUR);
    await saveSummary(d, editor, id, {
      intro: '征求意见期间，共收到社会各界意见建议，经认真研究，采纳情况如下。',
      final_index_number: finalNo,
      points: [
        { point: '明确课后服务结束的具体时间。', decision: 'adopted', reason: '' },
        { point: '对家庭经济困难学生免收服务性收费。', decision: 'adopted', reason: '' },
        { point: '保证每周固定的体育和艺术活动时间。', decision: 'partly_adopted', reason: '已规定每周至少安排两次体育或艺术活动，具体安排由学校结合实际确定。' },
      ],
    }, true);
  }

  // 2. The open consultation: draft published a week ago, open since six days ago, closing in three weeks.
  {
    const m = morning('yunxi-office', -6);
    const start = wallToUtc(m.local, m.tz);
    at(start - DAY);
    const draftNo = await publish('yunxi-office', { title: ENGAGEMENT_TITLES.open, genre: 'notices', theme_code: 'urban.planning', date_formed: localDate(new Date(start - DAY).toISOString(), m.tz), keywords: '绿道 征求意见', summary: '公开征求《云溪市城市绿道管理办法（征求意见稿）》意见。', body_html: OPEN_DRAFT_BODY });
    at(start);
    const endLocal = `${localDate(new Date(now + 21 * DAY).toISOString(), m.tz)}T18:00`;
    const { id } = await openConsultation(d, editor, { agency_id: agencyOf('yunxi-office').id, draft_index_number: draftNo, description: '请针对具体条款提出意见，意见经审核后公开显示。', starts_local: m.local, ends_local: endLocal, allow_anonymous: true, moderation: 'pre' });
    for (const [i, c] of OPEN_COMMENTS.entries()) {
      const t = start + (i + 1) * DAY + 2 * HOUR;
      await approve(await comment(id, OPEN_DRAFT_BODY, c, t), t + 3 * HOUR);
    }
  }

  // 3. Messages: sent one to three weeks ago, answered within the deadline, rated by the sender.
  for (const msg of MESSAGES) {
    const sent = now - msg.sentDaysAgo * DAY - 5 * HOUR;
    at(sent);
    const s = await submitMessage(d, agencyOf(msg.agency).id, { kind: msg.kind, category: msg.category, title: msg.title, body: msg.body, name: msg.name, email: msg.email, is_public: true }, { locale: 'zh-CN' });
    if (msg.transferTo) {
      at(sent + DAY);
      await transferMessage(d, officer, s.messageId, { toAgencyId: agencyOf(msg.transferTo.agency).id, reason: msg.transferTo.reason });
    }
    at(sent + 2 * DAY + 3 * HOUR);
    await answerMessage(d, officer, s.messageId, msg.answer);
    at(sent + 3 * DAY);
    await rateMessage(d, s.trackingNumber, s.token, { rating: msg.rating, comment: msg.ratingComment });
  }
  {
    const m = PRIVATE_MESSAGE;
    const sent = now - m.sentDaysAgo * DAY;
    at(sent);
    const s = await submitMessage(d, agencyOf(m.agency).id, { kind: m.kind, category: m.category, title: m.title, body: m.body, name: m.name, email: m.email, is_public: false }, { locale: 'zh-CN' });
    at(sent + DAY);
    await answerMessage(d, officer, s.messageId, m.answer);
  }
}
