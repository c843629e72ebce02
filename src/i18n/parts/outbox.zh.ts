/** zh-CN messages of the outbox area (the source of keys for `outbox.en.ts`). */
export const outboxZh = {
  'outbox.reminder.due_soon.subject': '【办理提醒】政府信息公开申请 {tracking} 将于 {due} 到期',
  'outbox.reminder.due_soon.lead': '政府信息公开申请 {tracking} 的答复期限为 {due}，还剩 {days} 个工作日。',
  'outbox.reminder.overdue.subject': '【逾期提醒】政府信息公开申请 {tracking} 已超过答复期限',
  'outbox.reminder.overdue.lead': '政府信息公开申请 {tracking} 的答复期限为 {due}，自 {since} 起已逾期，请尽快办理。',
  'outbox.reminder.role.officer': '您是该申请的承办人。',
  'outbox.reminder.role.supervisor': '您是该申请的督办人（上级或分管负责人）。',
  'outbox.reminder.open': '在管理后台查看该申请',
  'outbox.mail.footer': '本邮件由政府信息公开平台自动发送，请勿直接回复。',
  'outbox.status.pending': '待发送',
  'outbox.status.sending': '发送中',
  'outbox.status.sent': '已发送',
  'outbox.status.held': '未配置邮件服务，暂存',
  'outbox.status.failed': '发送失败',
  'outbox.error.smtp_not_configured': '未配置 SMTP 邮件服务（GONGKAI_SMTP_URL），邮件暂存在发件箱中，配置后自动发送。',
  'outbox.error.no_address': '收件人没有电子邮件地址。',
  'outbox.error.no_template': '没有此类消息的模板：{kind}。',
} as const;
