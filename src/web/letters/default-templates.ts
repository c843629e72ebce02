/**
 * The built-in reply letters (政府信息公开申请答复告知书), one per outcome of table 三, in zh-CN.
 * Administrators may replace each in the console; a blank custom text restores the default.
 * Placeholders are listed in `LETTER_PLACEHOLDERS`; paragraphs are separated by a blank line. A
 * paragraph naming `{released_files}` or `{linked_documents}` is left out when there are none.
 */
import type { OutcomeCode } from '../../domain/requests/outcomes.js';

const OPENING = '{applicant}：\n\n本机关于{received_date}收到您（单位）提出的政府信息公开申请（申请编号：{tracking_number}），申请获取“{title}”。经审查，现答复如下：';

// Art. 51: reconsideration within 60 days (行政复议法第二十条) or litigation within 6 months (行政诉讼法第四十六条).
const REMEDY = '如对本答复不服，可以自收到本告知书之日起六十日内依法申请行政复议，或者自收到本告知书之日起六个月内依法向人民法院提起行政诉讼。';

const CONTACT = '特此告知。';

/** The opening, the decision, the officer's reasons, what is delivered with it, the remedies. */
function letter(decision: string, ...delivered: string[]): string {
  return [OPENING, decision, '{reply_text}', ...delivered, REMEDY, CONTACT].join('\n\n');
}

/** Art. 36(3) reasons, as the sentence that names them. */
function withheld(reason: string): string {
  return letter(`您所申请获取的政府信息${reason}。根据{basis}的规定，本机关决定不予公开。`);
}

/** The default template of each outcome. */
export const DEFAULT_LETTERS: Readonly<Record<OutcomeCode, string>> = {
  disclosed: letter(
    '您所申请获取的政府信息属于公开范围。根据{basis}的规定，本机关予以公开。',
    '随本告知书提供的政府信息：{released_files}',
    '已主动公开、可通过以下途径获取的政府信息：{linked_documents}',
  ),
  partially_disclosed: letter(
    '您所申请获取的政府信息中含有不应当公开的内容，但能够作区分处理。根据{basis}的规定，本机关向您提供可以公开的部分，不应当公开的部分不予公开，理由如下。',
    '随本告知书提供的政府信息：{released_files}',
    '已主动公开、可通过以下途径获取的政府信息：{linked_documents}',
  ),
  'withheld.state_secret': withheld('经依法审查属于国家秘密'),
  'withheld.prohibited_by_law': withheld('属于法律、行政法规禁止公开的政府信息'),
  'withheld.three_securities_one_stability': withheld('公开后可能危及国家安全、公共安全、经济安全、社会稳定'),
  'withheld.third_party_rights': withheld('涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害，经征求第三方意见，第三方不同意公开，且本机关认为不公开不会对公共利益造成重大影响'),
  'withheld.internal_affairs': withheld('属于人事管理、后勤管理、内部工作流程等方面的内部事务信息'),
  'withheld.process_information': withheld('属于本机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息'),
  'withheld.enforcement_case_file': withheld('属于行政执法案卷信息'),
  'withheld.administrative_enquiry': letter('您所申请获取的信息属于有关法律、行政法规对信息的获取有特别规定的信息（如工商、不动产登记资料等）。根据{basis}的规定，请您依照有关法律、行政法规的规定办理查询。'),
  'unable.not_held': letter('经检索，本机关未制作、获取您所申请获取的政府信息，该政府信息不存在或者不属于本机关负责公开。根据{basis}的规定，特此告知。能够确定负责公开该政府信息的行政机关的，其名称和联系方式见下文。'),
  'unable.needs_creation': letter('您所申请获取的信息需要本机关对现有政府信息进行加工、分析方能形成，本机关没有现成的政府信息。根据{basis}的规定，本机关不予提供。'),
  'unable.unclear_after_correction': letter('本机关已一次性告知您对申请内容作出补正，经补正后，您的申请内容仍不明确，本机关无法确定您所申请获取的政府信息。根据{basis}的规定，本机关无法提供。'),
  'not_handled.petition_complaint': letter('您以政府信息公开申请的形式提出了信访、投诉、举报等事项。根据{basis}的规定，本机关不作为政府信息公开申请处理，您可以通过相应渠道提出。'),
  'not_handled.repeated': letter('本机关已就您提出的相同政府信息公开申请作出答复，您本次申请属于重复申请。根据{basis}的规定，本机关不予重复处理。'),
  'not_handled.publication': letter('您所申请获取的是政府公报、报刊、书籍等公开出版物。根据{basis}的规定，本机关不作为政府信息公开申请处理，您可以通过公开发行渠道获取。'),
  'not_handled.excessive': letter('您申请公开政府信息的数量、频次明显超过合理范围，经要求说明理由，本机关认为申请理由不合理。根据{basis}的规定，本机关不予处理。'),
  'not_handled.confirm_or_reissue': letter('您要求本机关确认或者重新出具已获取的信息，该事项不属于政府信息公开申请的范围。根据{basis}的规定，本机关不作为政府信息公开申请处理。'),
  'other.no_correction': letter('本机关已一次性告知您对申请内容作出补正，您无正当理由逾期未补正。根据{basis}的规定，视为放弃申请，本机关不再处理该政府信息公开申请。'),
  'other.fee_unpaid': letter('本机关已向您发出信息处理费缴费通知，您逾期未按照通知要求缴纳费用。根据{basis}的规定，本机关不再处理您的政府信息公开申请。'),
  'other.other': letter('根据{basis}的规定，本机关就您的申请作出如下处理。'),
};
