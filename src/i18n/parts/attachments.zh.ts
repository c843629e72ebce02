/** zh-CN messages of the attachments area (the source of keys for `attachments.en.ts`). */
export const attachmentsZh = {
  'error.file_too_large': '文件超过允许的大小。',
  'error.file_type_not_allowed': '不接受此类型的文件。可上传 PDF、Office 文档、图片、CSV 和 ZIP。',
  'error.file_type_mismatch': '文件内容与扩展名不符。',
  'error.file_name_invalid': '文件名无效（不能包含路径或控制字符）。',
  'error.archive_suspicious': '压缩文件解压后过大或结构异常，已拒绝。',
  'error.upload_missing': '请选择要上传的文件。',
  'error.attachment_not_found': '附件不存在。',
  'attachments.preview.label': '表格预览：{name}',
  'attachments.preview.rows_all': '共 {total} 行（不含表头），已全部显示。',
  'attachments.preview.rows': '显示前 {shown} 行，共 {total} 行（不含表头）。',
  'attachments.preview.rows_columns': '显示前 {shown} 行，共 {total} 行（不含表头）；显示前 {shown_columns} 列，共 {total_columns} 列。',
  'attachments.preview.empty': '该文件没有内容。',
  'attachments.preview.unreadable': '无法预览此文件，请下载后查看。',
} as const;
