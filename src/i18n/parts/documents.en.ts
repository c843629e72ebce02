import type { documentsZh } from './documents.zh.js';

/** English messages of the documents area; the type makes a missing or extra key a compile error. */
export const documentsEn: Record<keyof typeof documentsZh, string> = {
  'error.personal_data_found': 'Personal data was found in the body or attachments. Remove it, or give a reason for each finding, before submitting.',
  'error.bad_transition': 'This action is not possible in the current state.',
  'error.same_person': 'The person who drafted a document cannot review or approve it.',
  'error.document_not_found': 'Document not found.',
  'error.revision_not_found': 'Draft not found.',
  'error.version_not_found': 'That version does not exist.',
  'error.theme_not_found': 'Unknown theme category.',
  'error.index_serial_exhausted': 'This agency has used every index number for the year.',
};
