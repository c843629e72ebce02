/**
 * The draft of the consultation tests: a preamble, four articles (the second with a second
 * clause, the third with markup characters).
 */
export const DRAFT_BODY =
  '<p>为规范城市公园管理，制定本办法。</p><p>第一条 本办法适用于本市行政区域内的城市公园。</p><p>第二条 公园应当每日6时至22时向公众开放。</p><p>节假日可以适当延长开放时间。</p><p>第三条 公园内禁止&lt;燃放&gt;烟花爆竹。</p><p>第四条 本办法自发布之日起施行。</p>';
