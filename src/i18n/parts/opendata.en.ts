import type { opendataZh } from './opendata.zh.js';

/** English messages of the opendata area; the type makes a missing or extra key a compile error. */
export const opendataEn: Record<keyof typeof opendataZh, string> = {
  'od.catalog.title': 'Open government information: open data catalogue',
  'od.catalog.description': 'The government information this platform has published, with its metadata, the attachment manifest and disclosure statistics; refreshed daily, for bulk download.',
  'od.ds.documents.title': 'Published government information (complete)',
  'od.ds.documents.description': 'Every published document at its current version with its metadata (index number, issuing agency, document number, theme, date formed, publication date, validity, withdrawal marks); withdrawn documents are kept and marked, drafts are never included, no personal data. The JSON Lines file includes the text; the CSV file does not.',
  'od.ds.documents.keywords': 'open government information,proactive disclosure,catalogue,policy documents',
  'od.ds.attachments.title': 'Attachments of published government information',
  'od.ds.attachments.description': 'Every attachment of the current versions of published documents: file name, SHA-256, size, media type and download URL (relative to this site).',
  'od.ds.attachments.keywords': 'attachments,checksum,SHA-256',
  'od.ds.statistics.title': 'Disclosure statistics',
  'od.ds.statistics.description': 'Per agency and year: documents published by month, genre and theme, the share published within 20 working days, requests received, outcomes, replies on time, median and 90th percentile working days to reply, extensions. The figures of the statistics pages; aggregates only.',
  'od.ds.statistics.keywords': 'statistics,requests for information,annual report',
  'od.contact': 'Open data of the open government information platform',
  'od.dev.title': 'Open data',
  'od.dev.intro': 'These files are refreshed daily for bulk download (CSV is UTF-8 with a byte-order mark, so Excel opens it directly; each file also comes gzip-compressed as .gz). The catalogue is DCAT-AP (JSON-LD).',
  'od.dev.catalog': 'Data catalogue (DCAT-AP, JSON-LD)',
  'od.dev.documents_jsonl': 'All published documents (JSON Lines, with text)',
  'od.dev.documents_csv': 'All published documents (CSV)',
  'od.dev.attachments': 'Attachment manifest (CSV, with SHA-256)',
  'od.dev.statistics': 'Statistics (CSV, generated daily)',
  'od.dev.statistics_live': 'Statistics (CSV, computed on request per year and agency)',
  'od.dev.reports': 'Published annual reports (JSON): /api/v1/reports/{agency code}/{year}',
  'error.opendata_not_ready': 'The open-data files have not been generated yet. Please try again later.',
  'error.report_not_found': 'This annual report has not been published.',
};
