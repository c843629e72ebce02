import type { attachmentsZh } from './attachments.zh.js';

/** English messages of the attachments area; the type makes a missing or extra key a compile error. */
export const attachmentsEn: Record<keyof typeof attachmentsZh, string> = {
  'error.file_too_large': 'The file is larger than allowed.',
  'error.file_type_not_allowed': 'This type of file is not accepted. You can upload PDF, Office documents, images, CSV and ZIP.',
  'error.file_type_mismatch': 'The file content does not match its extension.',
  'error.file_name_invalid': 'The file name is not valid (no paths or control characters).',
  'error.archive_suspicious': 'The archive expands to too much data or is malformed, so it was refused.',
  'error.upload_missing': 'Choose a file to upload.',
  'error.attachment_not_found': 'Attachment not found.',
  'attachments.preview.label': 'Table preview: {name}',
  'attachments.preview.rows_all': 'All {total} rows shown (not counting the header).',
  'attachments.preview.rows': 'Showing the first {shown} of {total} rows (not counting the header).',
  'attachments.preview.rows_columns': 'Showing the first {shown} of {total} rows (not counting the header) and the first {shown_columns} of {total_columns} columns.',
  'attachments.preview.empty': 'This file is empty.',
  'attachments.preview.unreadable': 'This file cannot be previewed; download it to read it.',
};
