/** zh-CN messages of the documents area (the source of keys for `documents.en.ts`). */
export const documentsZh = {
  'error.personal_data_found': '正文或附件中发现个人信息，请删除或逐项说明理由后再提交。',
  'error.bad_transition': '当前状态下不能进行此操作。',
  'error.same_person': '起草人不能审核或批准自己起草的文件。',
  'error.document_not_found': '文件不存在。',
  'error.revision_not_found': '稿件不存在。',
  'error.version_not_found': '该版本不存在。',
  'error.theme_not_found': '主题分类不存在。',
  'error.index_serial_exhausted': '本机关本年度索引号已用尽。',
} as const;
