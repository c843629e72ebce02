/**
 * Background extraction of attachment text for search (issue 6 §1; migration 017). Statuses:
 * 'pending' (queued), 'done' (text extracted, possibly empty), 'failed' (broken, hostile or too
 * slow; `reason` says why).
 */
export interface SearchExtractionTable {
  blob_sha256: string;
  /** The parser used: 'pdf' | 'docx' | 'xlsx' | 'csv'. */
  kind: string;
  status: string;
  text: string | null;
  /** 0/1: the text was cut at the extraction limit. */
  truncated: number;
  reason: string | null;
  attempts: number;
  duration_ms: number | null;
  queued_at: string;
  finished_at: string | null;
}

/** A document whose index entry waits for a blob's text. */
export interface SearchExtractionDocTable {
  blob_sha256: string;
  document_id: string;
  queued_at: string;
}

/** Table types of the extraction area; `DB` in schema.ts extends this interface. */
export interface ExtractionTables {
  search_extractions: SearchExtractionTable;
  search_extraction_docs: SearchExtractionDocTable;
}
