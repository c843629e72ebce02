/** zh-CN messages of the attachments area (the source of keys for `attachments.en.ts`). */
export const attachmentsZh = {
  'error.file_too_large': '文件超过允许的大小。',
  'error.file_type_not_allowed': '不接受此类型的文件。可上传 PDF、Office 文档、图片、CSV 和 ZIP。',
  'error.file_type_mismatch': '文件内容与扩展名不符。',
  'error.file_name_invalid': '文件名无效（不能包含路径或控制字符）。',
  'error.archive_suspicious': '压缩文件解压后过大或结构异常，已拒绝。',
  'error.upload_missing': '请选择要上传的文件。',
  'error.attachment_not_found': '附件不存在。',
} as const;
